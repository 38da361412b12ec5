package dev.clearance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's answer. Mirrors the decision JSON of the public contract; {@link PolicyJson#write(Decision)}
 * renders it.
 *
 * @param id            the request's correlation id; nullable
 * @param decisionId    unique id of this decision, also in the audit log
 * @param effect        ALLOW, DENY or REDACT
 * @param reasons       the rules that decided, deciding effect first
 * @param redactions    spans replaced in the content, in content order (empty unless REDACT)
 * @param content       the redacted content when the effect is REDACT; null otherwise
 * @param diagnostics   problems met while deciding (a rule that threw, a limit hit, a claim the catalog refutes)
 * @param elapsedMicros evaluation time in microseconds
 * @param pack          id of the pack that decided
 * @param packVersion   version of the pack that decided
 * @param restorer      maps placeholders back to the original values; never serialized or logged
 * @param explanation   why, and what would change it; only from {@link PolicyEngine#explain(PolicyRequest)}, else
 *                      null (see {@link #explain()})
 */
public record Decision(
        String id,
        String decisionId,
        Effect effect,
        List<Reason> reasons,
        List<Redaction> redactions,
        String content,
        List<Diagnostic> diagnostics,
        long elapsedMicros,
        String pack,
        String packVersion,
        Restorer restorer,
        Explanation explanation) {

    public Decision {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(effect, "effect");
        reasons = List.copyOf(reasons);
        redactions = List.copyOf(redactions);
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(packVersion, "packVersion");
        restorer = restorer == null ? Restorer.NONE : restorer;
    }

    /** A decision without an explanation. */
    public Decision(
            String id,
            String decisionId,
            Effect effect,
            List<Reason> reasons,
            List<Redaction> redactions,
            String content,
            List<Diagnostic> diagnostics,
            long elapsedMicros,
            String pack,
            String packVersion,
            Restorer restorer) {
        this(
                id,
                decisionId,
                effect,
                reasons,
                redactions,
                content,
                diagnostics,
                elapsedMicros,
                pack,
                packVersion,
                restorer,
                null);
    }

    /**
     * Why this decision came out as it did and what single change would have made it more permissive; present
     * only for decisions made by {@link PolicyEngine#explain(PolicyRequest)} (explaining costs one evaluation per
     * change tried, so it is opt-in per call).
     */
    public Optional<Explanation> explain() {
        return Optional.ofNullable(explanation);
    }

    /** This decision with {@code newExplanation} attached. */
    public Decision withExplanation(Explanation newExplanation) {
        return new Decision(
                id,
                decisionId,
                effect,
                reasons,
                redactions,
                content,
                diagnostics,
                elapsedMicros,
                pack,
                packVersion,
                restorer,
                newExplanation);
    }

    /** True only when the effect is ALLOW: the original data may be sent as it is. */
    public boolean isAllowed() {
        return effect == Effect.ALLOW;
    }

    /** True when something may be sent: the original (ALLOW) or {@link #content()} (REDACT). */
    public boolean permitsSending() {
        return effect != Effect.DENY;
    }

    /** The redacted content, present only when the effect is REDACT. */
    public Optional<String> redactedContent() {
        return Optional.ofNullable(content);
    }

    /** The rule ids of {@link #reasons()}, in order. */
    public List<String> ruleIds() {
        return reasons.stream().map(Reason::ruleId).toList();
    }

    /**
     * Puts the original values back in place of this decision's placeholders, e.g. in the model's answer to the
     * redacted prompt. Text without placeholders is returned unchanged.
     */
    public String restore(String text) {
        return restorer.restore(text);
    }

    @Override
    public String toString() {
        return "Decision[id=" + id + ", decisionId=" + decisionId + ", effect=" + effect + ", reasons=" + ruleIds()
                + ", redactions=" + redactions.size() + ", diagnostics=" + diagnostics + ", elapsedMicros="
                + elapsedMicros + ", pack=" + pack + "@" + packVersion + "]";
    }
}
