package dev.clearance.internal.detect.pii;

/**
 * Brazilian company register number (CNPJ): 14 digits, two mod-11 check digits (weights 5 4 3 2 9 8 7 6 5 4 3 2,
 * then 6 5 4 3 2 9 8 7 6 5 4 3 2); written 2.3.3/4-2 it is reported alone, compact after "CNPJ" only.
 */
final class BrCnpj extends NationalNumber {
    private static final int[] W2 = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    BrCnpj() {
        super(new PiiKind("BR_CNPJ", "br-cnpj", 0.8, true), 14, 14);
    }

    @Override
    public boolean matches(DigitGroup g) {
        if (!g.plain()) {
            return false;
        }
        boolean written = g.formIs("2.3.3/4-2");
        return (written || g.formIs("14")) && valid(g.digits()) && (written || g.gated("BR_CNPJ"));
    }

    static boolean valid(String d) {
        if (d.length() != 14 || DigitGroup.sameDigits(d)) {
            return false;
        }
        return check(d, 12) == d.charAt(12) - '0' && check(d, 13) == d.charAt(13) - '0';
    }

    /** The check digit over the first {@code n} digits (the last n weights of W2). */
    private static int check(String d, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (d.charAt(i) - '0') * W2[W2.length - n + i];
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }
}
