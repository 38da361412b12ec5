package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;

/**
 * What a recognizer reports: the Presidio entity type, the rule id, the default confidence and whether the type is
 * high-risk (an identifier of a person or an account rather than a contact detail).
 */
public record PiiKind(String type, String rule, double confidence, boolean highRisk) {
    /** A finding of this kind on {@code [start, end)}, at the default confidence. */
    public Finding at(int start, int end) {
        return Finding.pii(type, rule, start, end, confidence, highRisk);
    }

    /** A finding of this kind on {@code [start, end)}, at {@code confidence}. */
    public Finding at(int start, int end, double confidence) {
        return Finding.pii(type, rule, start, end, confidence, highRisk);
    }
}
