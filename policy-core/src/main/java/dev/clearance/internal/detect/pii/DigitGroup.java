package dev.clearance.internal.detect.pii;

import dev.clearance.internal.detect.Text;

/**
 * One digit group {@code [start, end)} as the recognizers see it: its digits, its shape (digit-run lengths and
 * separators, e.g. {@code "3-2-4"}), the first separator, whether separators are mixed, a leading {@code +} and
 * parentheses.
 */
public final class DigitGroup {
    private final String text;
    final int start;
    final int end;
    final String digits;
    final String form;
    final char sep;
    final boolean mixed;
    final boolean plus;
    final boolean paren;
    /** The digits without a trunk prefix written in parentheses after a country code ({@code +41 (0)44 ...}). */
    final String digitsWithoutTrunk;

    DigitGroup(String text, int start, int end) {
        int len = end - start;
        char[] d = new char[len];
        int dn = 0;
        char[] noTrunk = new char[len];
        int nn = 0;
        char[] shape = new char[2 * len + 2];
        int sn = 0;
        char sep = 0;
        boolean mixed = false;
        boolean paren = false;
        int run = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Text.isDigit(c)) {
                d[dn++] = c;
                boolean trunk =
                        c == '0' && i > start && text.charAt(i - 1) == '(' && i + 1 < end && text.charAt(i + 1) == ')';
                if (!trunk) {
                    noTrunk[nn++] = c;
                }
                run++;
            } else {
                if (run > 0) {
                    if (sn + 11 > shape.length) {
                        shape = java.util.Arrays.copyOf(shape, shape.length + 16);
                    }
                    sn = appendRun(shape, sn, run);
                    run = 0;
                }
                if (c == '(' || c == ')') {
                    paren = true;
                } else if (c != '+') {
                    if (sn + 1 > shape.length) {
                        shape = java.util.Arrays.copyOf(shape, shape.length + 16);
                    }
                    shape[sn++] = c;
                    if (sep == 0) {
                        sep = c;
                    } else if (sep != c) {
                        mixed = true;
                    }
                }
            }
        }
        if (run > 0) {
            if (sn + 11 > shape.length) {
                shape = java.util.Arrays.copyOf(shape, shape.length + 16);
            }
            sn = appendRun(shape, sn, run);
        }
        String digits = new String(d, 0, dn);
        this.text = text;
        this.start = start;
        this.end = end;
        this.digits = digits;
        this.digitsWithoutTrunk = nn == dn ? digits : new String(noTrunk, 0, nn);
        this.form = new String(shape, 0, sn);
        this.sep = sep;
        this.mixed = mixed;
        this.plus = text.charAt(start) == '+';
        this.paren = paren;
    }

    /** Writes the decimal digits of {@code run} (positive) at {@code at}; returns the end. */
    private static int appendRun(char[] to, int at, int run) {
        if (run < 10) {
            to[at] = (char) ('0' + run);
            return at + 1;
        }
        if (run < 100) {
            to[at] = (char) ('0' + run / 10);
            to[at + 1] = (char) ('0' + run % 10);
            return at + 2;
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
        return digits.length();
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
