package dev.clearance.internal.detect.pii;

/** US Social Security number: 9 digits as 3-2-4 (or, less sure, 3-6, 5-4 or compact), in the issued ranges. */
final class UsSsn implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("US_SSN", "us-ssn", 0.85, true);
    private static final double LOOSE = 0.4;

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minDigits() {
        return 9;
    }

    @Override
    public int maxDigits() {
        return 9;
    }

    @Override
    public boolean matches(DigitGroup g) {
        return g.plain() && (ssnShape(g) || looseShape(g)) && valid(g.digits());
    }

    @Override
    public double confidence(DigitGroup g) {
        return ssnShape(g) ? KIND.confidence() : LOOSE;
    }

    /** 3-2-4 with one kind of separator: dashes, spaces or dots. */
    static boolean ssnShape(DigitGroup g) {
        return !g.mixed && (g.formIs("3-2-4") || g.formIs("3 2 4") || g.formIs("3.2.4"));
    }

    /** 3-6, 5-4 or nine digits in a row. */
    static boolean looseShape(DigitGroup g) {
        return g.formIs("3-6") || g.formIs("5-4") || g.formIs("9");
    }

    /** Area not 000, 666 or 9xx; group not 00; serial not 0000. */
    static boolean valid(String d) {
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0 && !DigitGroup.sameDigits(d);
    }
}
