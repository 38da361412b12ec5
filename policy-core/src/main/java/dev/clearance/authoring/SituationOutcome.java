package dev.clearance.authoring;

import dev.clearance.Effect;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a pack decided one {@link Situation}.
 *
 * @param situation     the situation
 * @param effect        the decision's effect
 * @param ruleIds       the decision's reason ids, in order
 * @param redactedTypes the finding types redacted
 * @param firedRules    every rule that acted on the verdict, including those the combination overrode
 */
public record SituationOutcome(
        Situation situation, Effect effect, List<String> ruleIds, Set<String> redactedTypes, Set<String> firedRules) {

    public SituationOutcome {
        Objects.requireNonNull(situation, "situation");
        Objects.requireNonNull(effect, "effect");
        ruleIds = List.copyOf(ruleIds);
        redactedTypes = Set.copyOf(redactedTypes);
        firedRules = Set.copyOf(firedRules);
    }

    /** Same effect, same reason ids (in any order) and same redacted types. */
    public boolean sameDecisionAs(SituationOutcome other) {
        return effect == other.effect
                && new TreeSet<>(ruleIds).equals(new TreeSet<>(other.ruleIds))
                && redactedTypes.equals(other.redactedTypes);
    }

    /** E.g. {@code DENY [classification.internal-no-training]} or {@code REDACT [secret.redact] {SECRET}}. */
    public String summary() {
        return effect + " " + ruleIds + (redactedTypes.isEmpty() ? "" : " " + new TreeSet<>(redactedTypes));
    }
}
