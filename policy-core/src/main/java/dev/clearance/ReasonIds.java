package dev.clearance;

/**
 * The reason ids the engine itself gives, outside any rule pack: callers may test {@link Decision#ruleIds()}
 * against these constants instead of hard-coding strings. Every one of them comes with {@link Effect#DENY}.
 * Rule packs' own ids (such as {@code secret.redact}) are the DRL rule names and are documented by each pack.
 */
public final class ReasonIds {
    /** No rule decided the request. */
    public static final String DEFAULT_DENY = "default-deny";
    /** A rule threw, or evaluation failed for another reason; the decision's diagnostics say which. */
    public static final String EVALUATION_ERROR = "evaluation-error";
    /**
     * The request's own detection tuning asks for what the pack does not let a request do (lower confidence, set
     * a minimum, allow-list a selector the pack did not open): denied, the tuning is never partly applied.
     */
    public static final String TUNING_REFUSED = "tuning-refused";
    /** The content was longer than {@link EvaluationLimits#maxContentChars()}. */
    public static final String LIMIT_MAX_CONTENT_CHARS = "limit.maxContentChars";
    /** Scanning found more than {@link EvaluationLimits#maxFindings()} findings. */
    public static final String LIMIT_MAX_FINDINGS = "limit.maxFindings";
    /** Rules fired more than {@link EvaluationLimits#maxRuleFirings()} times. */
    public static final String LIMIT_MAX_RULE_FIRINGS = "limit.maxRuleFirings";
    /** A string field other than the content was longer than {@link EvaluationLimits#maxFieldChars()}. */
    public static final String LIMIT_MAX_FIELD_CHARS = "limit.maxFieldChars";
    /** A list field had more entries than {@link EvaluationLimits#maxListItems()}. */
    public static final String LIMIT_MAX_LIST_ITEMS = "limit.maxListItems";
    /** Evaluation took longer than {@link EvaluationLimits#timeBudget()}. */
    public static final String LIMIT_TIME_BUDGET = "limit.timeBudget";

    /** A turn needed a new placeholder and its {@link Conversation} held its maximum of live ones. */
    public static final String LIMIT_CONVERSATION_ENTRIES = "limit.conversationEntries";

    /**
     * A streamed answer was cut: an unterminated {@code -----BEGIN} block (a PEM key being written) was held back
     * past {@link ResponseGuard#MAX_HELD_BLOCK}, or the stream ended inside one.
     */
    public static final String LIMIT_STREAM_HELD_BLOCK = "limit.streamHeldBlock";

    private ReasonIds() {}

    /** Whether {@code ruleId} is one of the engine's own ids (not a rule of a pack). */
    public static boolean isEngineReason(String ruleId) {
        return DEFAULT_DENY.equals(ruleId) || EVALUATION_ERROR.equals(ruleId) || ruleId.startsWith("limit.");
    }
}
