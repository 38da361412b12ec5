package dev.clearance.langchain4j;

import java.util.List;

/**
 * Clearance did not let a message go to the model: the policy denied it, or it could not be checked (not text).
 * Thrown by the wrapped chat memory and chat models; names the rules, the decision and the kind of message, never
 * the content.
 */
public final class ClearanceDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> ruleIds;
    private final String decisionId;

    ClearanceDeniedException(String message, List<String> ruleIds, String decisionId) {
        super(message);
        this.ruleIds = List.copyOf(ruleIds);
        this.decisionId = decisionId;
    }

    /** The rules that denied (empty when the message could not be checked at all). */
    public List<String> ruleIds() {
        return ruleIds;
    }

    /** The id of the denying decision; null when the message could not be checked at all. */
    public String decisionId() {
        return decisionId;
    }
}
