package dev.clearance.internal.normalize;

/** Folding of look-alike characters to ASCII, and invisible characters. */
final class Fold {
    private Fold() {}

    /** Cyrillic and Greek letters that look like Latin ones, paired with the Latin letter. */
    private static final String HOMOGLYPHS =
            "аaеeоoрpсcхxуyіiјjѕsԁdһhӏlАAВBЕEКKМMНHОOРPСCТTХXІIЈJЅSԜW" + "οoνvρpτtχxΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX";

    private static final char[] TABLE = new char[0x600];

    static {
        for (int i = 0; i < HOMOGLYPHS.length(); i += 2) {
            TABLE[HOMOGLYPHS.charAt(i)] = HOMOGLYPHS.charAt(i + 1);
        }
    }

    /**
     * Number of chars at {@code i} that are invisible and dropped from the folded view: every format ({@code Cf}:
     * zero-width spaces and joiners, BOM, soft hyphen, bidi controls and isolates, tag characters) and
     * non-spacing mark ({@code Mn}: combining marks, CGJ, variation selectors) code point; 0 when the char at
     * {@code i} is visible.
     */
    static int invisibleLength(char[] text, int i) {
        char c = text[i];
        if (c < 0x80) {
            return 0;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length && Character.isLowSurrogate(text[i + 1])) {
            int cp = Character.toCodePoint(c, text[i + 1]);
            return isInvisibleType(Character.getType(cp)) ? 2 : 0;
        }
        return isInvisibleType(Character.getType(c)) ? 1 : 0;
    }

    private static boolean isInvisibleType(int type) {
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK;
    }

    /** The ASCII stand-in of {@code c}: full-width forms, homoglyphs, Unicode spaces and decimal digits folded. */
    static char fold(char c) {
        if (c < 0x80) {
            return c;
        }
        if (c >= '\uFF01' && c <= '\uFF5E') {
            return (char) (c - 0xFEE0);
        }
        if (c < TABLE.length && TABLE[c] != 0) {
            return TABLE[c];
        }
        int type = Character.getType(c);
        if (type == Character.SPACE_SEPARATOR) {
            return ' ';
        }
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return '\n';
        }
        if (type == Character.DECIMAL_DIGIT_NUMBER) {
            return (char) ('0' + Character.digit(c, 10));
        }
        return c;
    }

    /** Whether the char at {@code i} (or the code point starting there) changes in the folded view. */
    static boolean changesAt(char[] text, int i) {
        char c = text[i];
        if (c < 0x80) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return invisibleLength(text, i) > 0;
        }
        return (CHANGES[c >>> 6] & 1L << c) != 0;
    }

    /** {@link #changesAt} of each char of the BMP but a high surrogate, one bit each: one lookup per char. */
    private static final long[] CHANGES = new long[0x10000 >>> 6];

    static {
        for (int c = 0x80; c < 0x10000; c++) {
            char ch = (char) c;
            if (!Character.isHighSurrogate(ch) && (isInvisibleType(Character.getType(ch)) || fold(ch) != ch)) {
                CHANGES[c >>> 6] |= 1L << c;
            }
        }
    }
}
