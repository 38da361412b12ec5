package dev.clearance;

import java.util.Objects;

/**
 * The model's answer may not reach the user: the policy denied it, or (for a stream) found something it would
 * change after part of the answer was already emitted, so the stream was cut. The message names the rules and
 * the decision id, never the content.
 */
public final class ResponseBlockedException extends PolicyException {
    private static final long serialVersionUID = 1L;

    private final transient Decision decision;

    ResponseBlockedException(String what, Decision decision) {
        super("Clearance " + what + " (" + String.join(", ", decision.ruleIds()) + ", decision " + decision.decisionId()
                + ")");
        this.decision = Objects.requireNonNull(decision, "decision");
    }

    /** The decision on the answer (or on the part of the stream checked so far). */
    public Decision decision() {
        return decision;
    }
}
