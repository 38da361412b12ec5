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

    /** Zero-width spaces and joiners, word joiner, BOM, soft hyphen, invisible separators. */
    static boolean isInvisible(char c) {
        return c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\u2060'
                || c == '\uFEFF'
                || c == '\u00AD'
                || c == '\u180E'
                || c == '\u2061'
                || c == '\u2062'
                || c == '\u2063'
                || c == '\u2064';
    }

    static char fold(char c) {
        if (c < 0x80) {
            return c;
        }
        if (c >= '\uFF01' && c <= '\uFF5E') {
            return (char) (c - 0xFEE0);
        }
        if (c == '\u3000') {
            return ' ';
        }
        if (c < TABLE.length && TABLE[c] != 0) {
            return TABLE[c];
        }
        return c;
    }

    static boolean changes(char c) {
        return isInvisible(c) || fold(c) != c;
    }
}
