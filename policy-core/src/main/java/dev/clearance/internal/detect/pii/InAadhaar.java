package dev.clearance.internal.detect.pii;

import dev.clearance.internal.detect.Checksums;

/** Indian Aadhaar: 12 digits (compact or 4-4-4), not starting with 0 or 1, Verhoeff check digit. */
final class InAadhaar implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("IN_AADHAAR", "in-aadhaar", 0.8, true);

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minDigits() {
        return 12;
    }

    @Override
    public int maxDigits() {
        return 12;
    }

    @Override
    public boolean matches(DigitGroup g) {
        return g.plain()
                && !g.mixed
                && (g.formIs("12") || g.formIs("4 4 4") || g.formIs("4-4-4") || g.formIs("4:4:4"))
                && valid(g.digits());
    }

    static boolean valid(String d) {
        return d.length() == 12 && d.charAt(0) >= '2' && !DigitGroup.sameDigits(d) && Checksums.verhoeff(d);
    }
}
