package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import java.util.List;

/**
 * A recognizer of whitespace-delimited words. The gate: {@link #minLength()} to {@link #maxLength()} chars (the
 * word pass keeps a length-to-recognizers table, so the gate costs nothing per char) and, when
 * {@link #alnumOnly()}, ASCII letters and digits only. {@link #find} checks the shape and the check digits.
 */
public interface WordRecognizer extends PiiRecognizer {
    int minLength();

    int maxLength();

    /** Whether the word must be ASCII letters and digits only. */
    default boolean alnumOnly() {
        return false;
    }

    /** Reports to {@code out} what the word {@code text[s, e)} (inside the gate) is, if it is of this type. */
    void find(String text, int s, int e, List<Finding> out);
}
