package dev.clearance.internal.engine;

import dev.clearance.Effect;
import dev.clearance.Finding;
import dev.clearance.Reason;
import dev.clearance.facts.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The product's combining rule, deny-overrides: any DENY outcome wins, else any REDACT, else any ALLOW; no
 * deciding outcome at all is reported as {@link Combined#decided()} false (the caller denies, fail closed).
 * Reasons are the rules of the winning effect, once each in firing order, then the notes (outcomes without an
 * effect). Every REDACT outcome's finding is redacted, whatever wins.
 */
final class DecisionCombiner {
    private final String packId;
    private final String packVersion;

    DecisionCombiner(String packId, String packVersion) {
        this.packId = Objects.requireNonNull(packId, "packId");
        this.packVersion = Objects.requireNonNull(packVersion, "packVersion");
    }

    /** The combined outcome; {@code effect} is null when no outcome decided. */
    record Combined(Effect effect, List<Reason> reasons, List<Finding> toRedact) {
        boolean decided() {
            return effect != null;
        }
    }

    Combined combine(List<Verdict.Outcome> outcomes) {
        Effect effect = winner(outcomes);
        if (effect == null) {
            return new Combined(null, List.of(), List.of());
        }
        List<Reason> reasons = new ArrayList<>(2);
        Set<String> seen = new LinkedHashSet<>();
        List<Finding> toRedact = new ArrayList<>();
        for (Verdict.Outcome o : outcomes) {
            if (o.effect() == effect && seen.add(o.ruleId())) {
                reasons.add(reason(o.ruleId(), o.effect(), o.message()));
            }
            if (o.effect() == Effect.REDACT) {
                toRedact.add(o.finding());
            }
        }
        for (Verdict.Outcome o : outcomes) {
            if (o.effect() == null && seen.add(o.ruleId())) {
                reasons.add(reason(o.ruleId(), null, o.message()));
            }
        }
        return new Combined(effect, reasons, toRedact);
    }

    static Effect winner(List<Verdict.Outcome> outcomes) {
        Effect effect = null;
        for (Verdict.Outcome o : outcomes) {
            if (o.effect() == Effect.DENY) {
                return Effect.DENY;
            } else if (o.effect() == Effect.REDACT) {
                effect = Effect.REDACT;
            } else if (o.effect() == Effect.ALLOW && effect == null) {
                effect = Effect.ALLOW;
            }
        }
        return effect;
    }

    Reason reason(String ruleId, Effect effect, String message) {
        return new Reason(ruleId, effect, message, packId, packVersion);
    }
}
