package dev.clearance.internal.detect.pii;

/**
 * Brazilian individual taxpayer number (CPF): 11 digits, two mod-11 check digits; written 3.3.3-2 it is reported
 * alone, compact after "CPF" only.
 */
final class BrCpf extends NationalNumber {
    BrCpf() {
        super(new PiiKind("BR_CPF", "br-cpf", 0.8, true), 11, 11);
    }

    @Override
    public boolean matches(DigitGroup g) {
        if (!g.plain()) {
            return false;
        }
        boolean written = g.formIs("3.3.3-2");
        return (written || g.formIs("11")) && valid(g.digits()) && (written || g.gated("BR_CPF"));
    }

    static boolean valid(String d) {
        if (d.length() != 11 || DigitGroup.sameDigits(d)) {
            return false;
        }
        return check(d, 9) == d.charAt(9) - '0' && check(d, 10) == d.charAt(10) - '0';
    }

    /** The check digit over the first {@code n} digits, weights n+1 down to 2. */
    private static int check(String d, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (d.charAt(i) - '0') * (n + 1 - i);
        }
        int r = sum * 10 % 11;
        return r == 10 ? 0 : r;
    }
}
