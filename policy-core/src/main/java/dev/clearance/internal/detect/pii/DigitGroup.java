package dev.clearance.internal.detect.pii;

/**
 * One digit group {@code [start, end)} as the recognizers see it: its digits, its shape (digit-run lengths and
 * separators, e.g. {@code "3-2-4"}), the first separator, whether separators are mixed, a leading {@code +} and
 * parentheses.
 */
public final class DigitGroup {
    private final String text;
    private final char[] chars;
    final int start;
    final int end;
    /** Where the digits ({@code [digitsAt, digitsAt + digitCount)}) and the shape are held: read lazily. */
    private final char[] buf;

    private final int digitsAt;
    private final int digitCount;
    private final int formAt;
    private final int formLength;
    private final boolean trunk;
    final char sep;
    final boolean mixed;
    final boolean plus;
    final boolean paren;
    private String digits;
    private String form;

    DigitGroup(String text, int start, int end) {
        this(text, text.toCharArray(), start, end, null);
    }

    /**
     * The group {@code [start, end)} of {@code text}, read from {@code chars} (the text's chars); {@code scratch}, when
     * not null, is a buffer of at least {@code 3 * (end - start) + 2} chars that the caller reuses once the
     * recognizers are done with this group: the digits and the shape are kept there, and made strings only when a
     * recognizer asks for them.
     */
    DigitGroup(String text, char[] chars, int start, int end, char[] scratch) {
        int len = end - start;
        // buffer layout: the digits at [0, len), the shape at [len, 3 * len + 2)
        char[] buf = scratch != null && scratch.length >= 3 * len + 2 ? scratch : new char[3 * len + 2];
        int dn = 0;
        int sn = len;
        char sep = 0;
        boolean mixed = false;
        boolean paren = false;
        boolean trunk = false;
        int run = 0;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                buf[dn++] = c;
                trunk |= c == '0' && i > start && chars[i - 1] == '(' && i + 1 < end && chars[i + 1] == ')';
                run++;
            } else {
                if (run > 0) {
                    sn = appendRun(buf, sn, run);
                    run = 0;
                }
                if (c == '(' || c == ')') {
                    paren = true;
                } else if (c != '+') {
                    buf[sn++] = c;
                    if (sep == 0) {
                        sep = c;
                    } else if (sep != c) {
                        mixed = true;
                    }
                }
            }
        }
        if (run > 0) {
            sn = appendRun(buf, sn, run);
        }
        this.text = text;
        this.chars = chars;
        this.start = start;
        this.end = end;
        this.buf = buf;
        this.digitsAt = 0;
        this.digitCount = dn;
        this.formAt = len;
        this.formLength = sn - len;
        this.trunk = trunk;
        this.sep = sep;
        this.mixed = mixed;
        this.plus = chars[start] == '+';
        this.paren = paren;
    }

    /**
     * A group whose parts the caller read already (the digit-group pass, from one walk over a chain's pieces): its
     * digits at {@code buf[0, digitCount)} and its shape at {@code buf[formAt, formAt + formLength)}, kept there
     * until the recognizers are done with it.
     */
    DigitGroup(
            String text,
            char[] chars,
            int start,
            int end,
            char[] buf,
            int digitCount,
            int formAt,
            int formLength,
            boolean trunk,
            char sep,
            boolean mixed,
            boolean paren) {
        this.text = text;
        this.chars = chars;
        this.start = start;
        this.end = end;
        this.buf = buf;
        this.digitsAt = 0;
        this.digitCount = digitCount;
        this.formAt = formAt;
        this.formLength = formLength;
        this.trunk = trunk;
        this.sep = sep;
        this.mixed = mixed;
        this.plus = chars[start] == '+';
        this.paren = paren;
    }

    /** The digits, in order. */
    String digits() {
        if (digits == null) {
            digits = new String(buf, digitsAt, digitCount);
        }
        return digits;
    }

    /** The digits without a trunk prefix written in parentheses after a country code ({@code +41 (0)44 ...}). */
    String digitsWithoutTrunk() {
        return trunk ? withoutTrunk(chars, start, end) : digits();
    }

    /** The digit at {@code i} (below {@link #digitCount()}), read without making the digits a string. */
    char digitAt(int i) {
        return buf[digitsAt + i];
    }

    /** Whether a trunk prefix is written in parentheses ({@link #digitsWithoutTrunk()} differs from the digits). */
    boolean trunk() {
        return trunk;
    }

    /** Whether the shape starts with {@code f}. */
    boolean formStartsWith(String f) {
        if (f.length() > formLength) {
            return false;
        }
        for (int i = 0; i < f.length(); i++) {
            if (buf[formAt + i] != f.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the shape holds {@code c}. */
    boolean formHas(char c) {
        for (int i = 0; i < formLength; i++) {
            if (buf[formAt + i] == c) {
                return true;
            }
        }
        return false;
    }

    /** Whether every digit is the same ({@link #sameDigits} of the digits), read without a string. */
    boolean sameDigits() {
        for (int i = 1; i < digitCount; i++) {
            if (buf[digitsAt + i] != buf[digitsAt]) {
                return false;
            }
        }
        return true;
    }

    /** The shape: digit-run lengths and separators, e.g. {@code "3-2-4"}. */
    String form() {
        if (form == null) {
            form = new String(buf, formAt, formLength);
        }
        return form;
    }

    /** The length of the shape. */
    int formLength() {
        return formLength;
    }

    /** The shape's char at {@code i}. */
    char formChar(int i) {
        return buf[formAt + i];
    }

    /** Whether the shape is {@code f}, compared without making it a string. */
    boolean formIs(String f) {
        if (f.length() != formLength) {
            return false;
        }
        for (int i = 0; i < formLength; i++) {
            if (buf[formAt + i] != f.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The digits of {@code [start, end)} without a {@code 0} written alone in parentheses. */
    static String withoutTrunk(char[] chars, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                boolean trunk = c == '0' && i > start && chars[i - 1] == '(' && i + 1 < end && chars[i + 1] == ')';
                if (!trunk) {
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** Writes the decimal digits of {@code run} (positive) at {@code at}; returns the end. */
    static int appendRun(char[] to, int at, int run) {
        if (run < 10) {
            to[at] = (char) ('0' + run);
            return at + 1;
        }
        if (run < 100) {
            to[at] = (char) ('0' + run / 10);
            to[at + 1] = (char) ('0' + run % 10);
            return at + 2;
        }
        if (run < 1000) {
            to[at] = (char) ('0' + run / 100);
            to[at + 1] = (char) ('0' + run / 10 % 10);
            to[at + 2] = (char) ('0' + run % 10);
            return at + 3;
        }
        String r = Integer.toString(run);
        r.getChars(0, r.length(), to, at);
        return at + r.length();
    }

    /** A group of digits only (for tests of the validators). */
    static DigitGroup of(String text) {
        return new DigitGroup(text, 0, text.length());
    }

    /** Whether a gate word of {@code type} ({@link PiiContextWords#gate}) occurs shortly before the group. */
    boolean gated(String type) {
        return PiiContextWords.gate(type, text, start);
    }

    /** Whether one of {@code words} (lower case) occurs as a whole word shortly before the group. */
    boolean after(String... words) {
        return Context.before(text, start, words);
    }

    int digitCount() {
        return digitCount;
    }

    /** Neither a leading {@code +} nor parentheses: not written as a phone number. */
    boolean plain() {
        return !plus && !paren;
    }

    /** Whether every char of {@code d} is the same digit (0000..., 1111...): a placeholder, not an identifier. */
    static boolean sameDigits(String d) {
        for (int i = 1; i < d.length(); i++) {
            if (d.charAt(i) != d.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
