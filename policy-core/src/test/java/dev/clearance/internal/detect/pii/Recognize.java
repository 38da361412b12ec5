package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import java.util.ArrayList;
import java.util.List;

/** Runs one recognizer on a whole string, as its pass would on a candidate inside the gate. */
final class Recognize {
    private Recognize() {}

    static List<Finding> word(WordRecognizer r, String text) {
        List<Finding> out = new ArrayList<>();
        r.find(text, 0, text.length(), out);
        return out;
    }

    static boolean group(DigitGroupRecognizer r, String text) {
        return r.matches(DigitGroup.of(text));
    }

    static double confidence(DigitGroupRecognizer r, String text) {
        return r.confidence(DigitGroup.of(text));
    }
}
