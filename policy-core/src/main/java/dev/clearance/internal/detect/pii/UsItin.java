package dev.clearance.internal.detect.pii;

/** US Individual Taxpayer Identification Number: 9xx with a group in 50-65, 70-88, 90-92 or 94-99; SSN shapes. */
final class UsItin implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("US_ITIN", "us-itin", 0.85, true);
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
        return g.plain() && (UsSsn.ssnShape(g) || UsSsn.looseShape(g)) && valid(g.digits());
    }

    @Override
    public double confidence(DigitGroup g) {
        return UsSsn.ssnShape(g) ? KIND.confidence() : LOOSE;
    }

    static boolean valid(String d) {
        if (d.length() != 9 || d.charAt(0) != '9') {
            return false;
        }
        int g = Integer.parseInt(d.substring(3, 5));
        return g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94;
    }
}
