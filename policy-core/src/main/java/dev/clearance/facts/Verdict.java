package dev.clearance.facts;

import dev.clearance.Effect;
import dev.clearance.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What rules act on. Every call records the name of the rule that is firing, so the rule name becomes the
 * decision's reason id without the author repeating it:
 *
 * <pre>{@code
 * rule "classification.internal-no-training"
 * when
 *     Data( atLeast(Classification.INTERNAL) )
 *     Destination( trainsOnData )
 * then
 *     verdict.deny("INTERNAL data must not go to a tool that trains on it");
 * end
 * }</pre>
 *
 * One verdict lives for one evaluation; it is not thread-safe and not meant to be kept.
 */
public final class Verdict {

    /** One thing a rule asked for. {@code finding} is set for redactions only; {@code effect} is null for notes. */
    public record Outcome(String ruleId, Effect effect, String message, Finding finding) {}

    private final List<Outcome> outcomes = new ArrayList<>(4);
    private String firingRule = "";

    /** Called by the engine before each rule fires. */
    public void enterRule(String ruleName) {
        this.firingRule = Objects.requireNonNull(ruleName, "ruleName");
    }

    /** The data must not be sent. */
    public void deny(String message) {
        add(Effect.DENY, message, null);
    }

    /** The data may be sent, unless another rule denies it or asks for a redaction. */
    public void allow() {
        add(Effect.ALLOW, "allowed", null);
    }

    /** The data may be sent, unless another rule denies it or asks for a redaction. */
    public void allow(String message) {
        add(Effect.ALLOW, message, null);
    }

    /** The finding must be replaced before the data is sent. */
    public void redact(Finding finding) {
        redact(finding, finding.type() + " found");
    }

    /** The finding must be replaced before the data is sent. */
    public void redact(Finding finding, String message) {
        add(Effect.REDACT, message, Objects.requireNonNull(finding, "finding"));
    }

    /** Records an explanation that decides nothing, e.g. why the classification was raised. */
    public void note(String message) {
        add(null, message, null);
    }

    /** Everything rules asked for, in firing order. */
    public List<Outcome> outcomes() {
        return Collections.unmodifiableList(outcomes);
    }

    private void add(Effect effect, String message, Finding finding) {
        outcomes.add(new Outcome(firingRule, effect, message == null ? "" : message, finding));
    }

    @Override
    public String toString() {
        return "Verdict[" + outcomes.size() + " outcomes]";
    }
}
