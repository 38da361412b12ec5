package dev.clearance.internal.detect.pii;

/**
 * French social security number (NIR, numéro de sécurité sociale): 13 digits (sex 1 to 4, 7 or 8, year, month 01
 * to 12 or 20 to 99 when unknown, département, commune, order) and a 2-digit key = 97 − (the 13 digits mod 97);
 * compact or spaced 1 2 2 2 3 3 2. Corsican départements (2A, 2B) hold letters and are not read here.
 */
final class FrNir extends NationalNumber {
    FrNir() {
        super(new PiiKind("FR_NIR", "fr-nir", 0.8, true), 15, 15);
    }

    @Override
    public boolean matches(DigitGroup g) {
        return g.plain() && !g.mixed && (g.formIs("15") || g.formIs("1 2 2 2 3 3 2")) && valid(g.digits());
    }

    static boolean valid(String d) {
        if (d.length() != 15 || "123478".indexOf(d.charAt(0)) < 0) {
            return false;
        }
        int month = Integer.parseInt(d.substring(3, 5));
        if (month < 1 || month > 12 && month < 20) {
            return false;
        }
        long n = Long.parseLong(d.substring(0, 13));
        int key = Integer.parseInt(d.substring(13));
        return key >= 1 && key == 97 - (int) (n % 97);
    }
}
