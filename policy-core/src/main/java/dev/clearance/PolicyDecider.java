package dev.clearance;

/**
 * Anything that decides requests: a {@link PolicyEngine} (one pack, fixed) or a {@link ReloadingPolicyEngine}
 * (the current pack, swapped atomically). Implementations are thread-safe and never throw for what a request or
 * a rule can cause.
 */
public interface PolicyDecider {

    /**
     * Decides one request; fails closed.
     *
     * @throws NullPointerException only when {@code request} is null
     */
    Decision evaluate(PolicyRequest request);

    /**
     * Decides one turn of a conversation; fails closed. Placeholders come from {@code conversation}: a value
     * keeps its placeholder in every turn, and the decision's {@link Decision#restore(String)} restores those of
     * the whole conversation. A turn that needs more placeholders than the conversation may hold is DENY
     * ({@link ReasonIds#LIMIT_CONVERSATION_ENTRIES}).
     *
     * @throws NullPointerException only when {@code request} or {@code conversation} is null
     */
    Decision evaluate(PolicyRequest request, Conversation conversation);

    /** Id of the pack that currently decides. */
    String packId();

    /** Version of the pack that currently decides; every decision names the version that made it. */
    String packVersion();
}
