package dev.clearance.spi;

import dev.clearance.Finding;
import java.util.function.Consumer;

/**
 * Finds secrets, personal data or custom terms in text. Implementations are immutable, thread-safe and run in
 * time linear in the length of the text (no backtracking regular expressions over untrusted input). They never
 * log or keep the text.
 */
public interface Detector {

    /** Stable id of this detector, e.g. {@code secrets}. */
    String id();

    /**
     * Reports every finding in {@code text} to {@code sink}, in any order. Spans are UTF-16 indices of
     * {@code text}.
     */
    void detect(String text, Consumer<Finding> sink);
}
