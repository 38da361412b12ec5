package dev.clearance.internal.detect.pii;

/**
 * German tax identification number (Steuerliche Identifikationsnummer, § 139b AO): 11 digits (compact or 2 3 3 3),
 * no leading zero; in the first ten digits at most one digit repeats, at most three times (the rule since 2016;
 * earlier numbers have ten distinct digits); the last digit is the ISO 7064 MOD 11,10 check digit.
 */
final class DeTaxId extends NationalNumber {
    DeTaxId() {
        super(new PiiKind("DE_TAX_ID", "de-tax-id", 0.6, true), 11, 11);
    }

    @Override
    public boolean matches(DigitGroup g) {
        return g.plain() && !g.mixed && (g.formIs("11") || g.formIs("2 3 3 3")) && valid(g.digits());
    }

    static boolean valid(String d) {
        if (d.length() != 11 || d.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[d.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int c : counts) {
            if (c > 3) {
                return false;
            }
            repeated += c > 1 ? 1 : 0;
        }
        if (repeated > 1) {
            return false;
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (d.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == d.charAt(10) - '0';
    }
}
