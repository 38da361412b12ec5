package dev.clearance.internal.detect.pii;

import dev.clearance.internal.detect.Checksums;

/**
 * Canadian social insurance number: 9 digits, Luhn, not starting with 0 or 8. Written 3-3-3 or 3 3 3 it is reported
 * alone; compact after "SIN", "social insurance" or "assurance sociale" only (one 9-digit number in ten passes Luhn).
 */
final class CaSin extends NationalNumber {
    CaSin() {
        super(new PiiKind("CA_SIN", "ca-sin", 0.6, true), 9, 9);
    }

    @Override
    public boolean matches(DigitGroup g) {
        if (!g.plain() || g.mixed) {
            return false;
        }
        boolean written = g.formIs("3-3-3") || g.formIs("3 3 3");
        if (!written && !g.formIs("9") || !valid(g.digits())) {
            return false; // the shape first: it costs no string
        }
        return written || g.gated("CA_SIN");
    }

    static boolean valid(String d) {
        return d.length() == 9
                && d.charAt(0) != '0'
                && d.charAt(0) != '8'
                && !DigitGroup.sameDigits(d)
                && Checksums.luhn(d);
    }
}
