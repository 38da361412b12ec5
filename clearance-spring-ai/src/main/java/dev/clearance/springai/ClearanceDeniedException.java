package dev.clearance.springai;

import java.util.List;

/**
 * Clearance did not let the prompt go to the model: the policy denied a message of it, or it could not be checked
 * (a media attachment, tools the model would run itself). Names the rules, the decision and the kind of message,
 * never the content. The model was not called.
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

    /** The rules that denied (empty when the prompt could not be checked at all). */
    public List<String> ruleIds() {
        return ruleIds;
    }

    /** The id of the denying decision; null when the prompt could not be checked at all. */
    public String decisionId() {
        return decisionId;
    }
}
