package dev.clearance.internal.detect.pii;

/** Polish PESEL: 11 digits in a row, weighted check digit, a plausible month (with century offset) and day. */
final class PlPesel implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("PL_PESEL", "pl-pesel", 0.6, true);
    private static final int[] WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minDigits() {
        return 11;
    }

    @Override
    public int maxDigits() {
        return 11;
    }

    @Override
    public boolean matches(DigitGroup g) {
        return g.plain() && !g.mixed && g.formIs("11") && valid(g.digits());
    }

    static boolean valid(String d) {
        if (d.length() != 11 || DigitGroup.sameDigits(d)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (d.charAt(i) - '0') * WEIGHTS[i];
        }
        int month = Integer.parseInt(d.substring(2, 4)) % 20;
        int day = Integer.parseInt(d.substring(4, 6));
        return (10 - sum % 10) % 10 == d.charAt(10) - '0' && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
}
