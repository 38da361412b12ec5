package dev.clearance.internal.detect.pii;

/**
 * A recognizer of digit groups (digits with single separators, an optional {@code +} or parentheses). The gate:
 * {@link #minDigits()} to {@link #maxDigits()} digits (the digit-group pass keeps a count-to-recognizers table).
 * Recognizers are tried in registry order; the first {@link #exclusive()} one that matches ends the group's
 * classification.
 */
public interface DigitGroupRecognizer extends PiiRecognizer {
    int minDigits();

    int maxDigits();

    /** Whether {@code g} (inside the gate) is an identifier of this type: its shape and check digits. */
    boolean matches(DigitGroup g);

    /** The confidence of a match: the kind's, unless the shape says more. */
    default double confidence(DigitGroup g) {
        return kind().confidence();
    }

    /** Whether a match ends the classification of the group (false: later recognizers still get a look). */
    default boolean exclusive() {
        return true;
    }
}
