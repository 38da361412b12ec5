package dev.clearance.internal.detect.pii;

/**
 * US ABA routing transit number: 9 digits, the first two 00 to 12, 21 to 32, 61 to 72 or 80, checksum
 * 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 mod 10; compact or 4-4-1, after "routing", "ABA", "RTN" or
 * "transit" only (one 9-digit number in ten passes the checksum).
 */
final class AbaRouting extends NationalNumber {
    AbaRouting() {
        super(new PiiKind("ABA_ROUTING_NUMBER", "aba-routing", 0.7, true), 9, 9);
    }

    @Override
    public boolean matches(DigitGroup g) {
        return g.plain()
                && !g.mixed
                && (g.formIs("9") || g.formIs("4-4-1"))
                && valid(g.digits())
                && g.gated("ABA_ROUTING_NUMBER");
    }

    static boolean valid(String d) {
        if (d.length() != 9 || DigitGroup.sameDigits(d)) {
            return false;
        }
        int prefix = Integer.parseInt(d.substring(0, 2));
        if (!(prefix <= 12 || prefix >= 21 && prefix <= 32 || prefix >= 61 && prefix <= 72 || prefix == 80)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i += 3) {
            sum += 3 * (d.charAt(i) - '0') + 7 * (d.charAt(i + 1) - '0') + (d.charAt(i + 2) - '0');
        }
        return sum % 10 == 0;
    }
}
