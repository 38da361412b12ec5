package dev.clearance.spi;

import dev.clearance.decisionlog.DecisionLogRecord;

/**
 * Receives one {@link DecisionLogRecord} per decision. Called on the evaluating thread after the decision is made; an
 * exception thrown here is logged and never changes the decision. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DecisionLogSink {

    /** Records one decision. */
    void record(DecisionLogRecord record);

    /**
     * Whether records are wanted right now. Returning false skips building the record (and hashing the content),
     * so a disabled sink costs nothing on the decision path.
     */
    default boolean enabled() {
        return true;
    }
}
