package dev.clearance.internal.detect.pii;

/**
 * A national identifier written as digits, between two lengths, checked by its own structure or check digits. Not
 * exclusive: a number of the same length may still be another type's (most of these pass one in ten or eleven
 * numbers), so later recognizers get a look.
 */
abstract class NationalNumber implements DigitGroupRecognizer {
    private final PiiKind kind;
    private final int minDigits;
    private final int maxDigits;

    NationalNumber(PiiKind kind, int minDigits, int maxDigits) {
        this.kind = kind;
        this.minDigits = minDigits;
        this.maxDigits = maxDigits;
    }

    @Override
    public final PiiKind kind() {
        return kind;
    }

    @Override
    public final int minDigits() {
        return minDigits;
    }

    @Override
    public final int maxDigits() {
        return maxDigits;
    }

    @Override
    public final boolean exclusive() {
        return false;
    }
}
