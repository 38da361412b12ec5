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
        StringBuilder d = new StringBuilder(24);
        StringBuilder noTrunk = new StringBuilder(24);
        StringBuilder shape = new StringBuilder(24);
        char sep = 0;
        boolean mixed = false;
        boolean paren = false;
        int run = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Text.isDigit(c)) {
                d.append(c);
                boolean trunk =
                        c == '0' && i > start && text.charAt(i - 1) == '(' && i + 1 < end && text.charAt(i + 1) == ')';
                if (!trunk) {
                    noTrunk.append(c);
                }
                run++;
            } else {
                if (run > 0) {
                    shape.append(run);
                    run = 0;
                }
                if (c == '(' || c == ')') {
                    paren = true;
                } else if (c != '+') {
                    shape.append(c);
                    if (sep == 0) {
                        sep = c;
                    } else if (sep != c) {
                        mixed = true;
                    }
                }
            }
        }
        if (run > 0) {
            shape.append(run);
        }
        this.text = text;
        this.start = start;
        this.end = end;
        this.digits = d.toString();
        this.digitsWithoutTrunk = noTrunk.toString();
        this.form = shape.toString();
        this.sep = sep;
        this.mixed = mixed;
        this.plus = text.charAt(start) == '+';
        this.paren = paren;
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
