package dev.clearance.internal.detect.pii;

/**
 * One type of personal data found by structure and check digits. A recognizer is run by the pass that finds its
 * candidates ({@link WordRecognizer}: whitespace-delimited words; {@link DigitGroupRecognizer}: groups of digits and
 * separators), only on candidates inside its gate; it is listed once in {@link PiiRecognizers#ALL}.
 */
public interface PiiRecognizer {
    /** What this recognizer reports. */
    PiiKind kind();
}
