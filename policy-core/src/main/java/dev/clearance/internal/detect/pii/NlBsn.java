package dev.clearance.internal.detect.pii;

/**
 * Dutch citizen service number (burgerservicenummer): 9 digits passing the 11-test (weights 9 to 2, the last digit
 * −1, sum divisible by 11). Written as 4.2.3 it is reported alone; compact after "BSN", "burgerservicenummer" or
 * "sofinummer" only (one 9-digit number in eleven passes the test).
 */
final class NlBsn extends NationalNumber {
    NlBsn() {
        super(new PiiKind("NL_BSN", "nl-bsn", 0.6, true), 9, 9);
    }

    @Override
    public boolean matches(DigitGroup g) {
        if (!g.plain() || g.mixed) {
            return false;
        }
        boolean written = g.formIs("4.2.3");
        if (!written && !g.formIs("9") || !valid(g.digits())) {
            return false; // the shape first: it costs no string
        }
        return written || g.gated("NL_BSN");
    }

    static boolean valid(String d) {
        if (d.length() != 9 || DigitGroup.sameDigits(d)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (d.charAt(i) - '0') * (9 - i);
        }
        sum -= d.charAt(8) - '0';
        return sum > 0 && sum % 11 == 0;
    }
}
