package dev.clearance.internal.detect.pii;

import dev.clearance.internal.detect.Checksums;

/**
 * Payment card number: 13 to 19 digits, a known leading digit, Luhn; compact, in groups of four (spaces, hyphens
 * or dots) or in the 4-6-5 / 4-6-4 grouping of 15- and 14-digit cards.
 */
final class CreditCard implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("CREDIT_CARD", "credit-card", 0.9, true);

    /** What {@code form.split("[ -]")} and {@code form.split("[ .-]")} split at, compiled once. */
    private static final java.util.regex.Pattern SPACE_OR_DASH = java.util.regex.Pattern.compile("[ -]");

    private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile("[ .-]");

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minDigits() {
        return 13;
    }

    @Override
    public int maxDigits() {
        return 19;
    }

    @Override
    public boolean matches(DigitGroup g) {
        boolean cardSeparators =
                g.plain() && (g.sep == 0 || !g.mixed && (g.sep == ' ' || g.sep == '-' || g.sep == '.'));
        return cardSeparators
                && valid(g.digits)
                && (g.sep == 0 || groupsOf(g.form, 4) || g.sep != '.' && amexOrDiners(g.form));
    }

    /** The 4-6-5 grouping of 15-digit cards and the 4-6-4 grouping of 14-digit ones. */
    private static boolean amexOrDiners(String form) {
        String[] parts = SPACE_OR_DASH.split(form);
        return parts.length == 3
                && parts[0].equals("4")
                && parts[1].equals("6")
                && (parts[2].equals("5") || parts[2].equals("4"));
    }

    static boolean valid(String d) {
        int n = d.length();
        char first = d.charAt(0);
        boolean issuer = first >= '2' && first <= '6' || first == '1' && n == 15;
        return n >= 13 && n <= 19 && issuer && !DigitGroup.sameDigits(d) && Checksums.luhn(d);
    }

    /** Three groups or more of {@code size} digits, the last one possibly of 1 or 2. */
    private static boolean groupsOf(String form, int size) {
        String[] parts = SEPARATOR.split(form);
        for (String p : parts) {
            if (!p.equals(String.valueOf(size)) && !(p == parts[parts.length - 1] && p.length() <= 2)) {
                return false;
            }
        }
        return parts.length >= 3;
    }
}
