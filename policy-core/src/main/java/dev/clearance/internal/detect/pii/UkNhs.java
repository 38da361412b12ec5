package dev.clearance.internal.detect.pii;

/**
 * UK NHS number: 10 digits (compact or 3-3-4), weighted mod 11. Not exclusive: the same group may also read as a
 * phone number, and both are reported.
 */
final class UkNhs implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("UK_NHS", "uk-nhs", 0.5, true);

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minDigits() {
        return 10;
    }

    @Override
    public int maxDigits() {
        return 10;
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public boolean matches(DigitGroup g) {
        return g.plain() && !g.mixed && (g.formIs("10") || g.formIs("3 3 4") || g.formIs("3-3-4")) && valid(g.digits());
    }

    static boolean valid(String d) {
        if (d.length() != 10 || DigitGroup.sameDigits(d)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == d.charAt(9) - '0';
    }
}
