package dev.clearance.internal.detect.pii;

/**
 * Australian tax file number: 9 digits (weights 1 4 3 7 5 8 6 9 10) or an older 8 digits (weights 10 7 8 4 6 3 5
 * 1), weighted sum divisible by 11. Written 3 3 3 it is reported alone; compact after "TFN" or "tax file" only.
 */
final class AuTfn extends NationalNumber {
    private static final int[] NINE = {1, 4, 3, 7, 5, 8, 6, 9, 10};
    private static final int[] EIGHT = {10, 7, 8, 4, 6, 3, 5, 1};

    AuTfn() {
        super(new PiiKind("AU_TFN", "au-tfn", 0.6, true), 8, 9);
    }

    @Override
    public boolean matches(DigitGroup g) {
        if (!g.plain() || g.mixed) {
            return false;
        }
        boolean spaced = g.formIs("3 3 3");
        if (!spaced && !g.formIs("9") && !g.formIs("8") || !valid(g.digits())) {
            return false; // the shape first: it costs no string
        }
        return spaced || g.gated("AU_TFN");
    }

    static boolean valid(String d) {
        int[] w = d.length() == 9 ? NINE : d.length() == 8 ? EIGHT : null;
        if (w == null || DigitGroup.sameDigits(d)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += (d.charAt(i) - '0') * w[i];
        }
        return sum % 11 == 0;
    }
}
