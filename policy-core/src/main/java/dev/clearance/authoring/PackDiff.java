package dev.clearance.authoring;

import dev.clearance.PolicyEngine;
import dev.clearance.internal.engine.Analyzer;
import dev.clearance.internal.engine.EngineAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which situations of the enumerated domain ({@link Situation#all()}) two packs decide differently: another
 * effect, other reason ids, or other redacted types.
 *
 * @param before      {@code id@version} of the first pack
 * @param after       {@code id@version} of the second pack
 * @param situations  how many situations were compared
 * @param changes     the situations whose decision changed, in domain order
 */
public record PackDiff(String before, String after, int situations, List<Change> changes) {

    public PackDiff {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        changes = List.copyOf(changes);
    }

    /** One situation decided differently. */
    public record Change(Situation situation, SituationOutcome before, SituationOutcome after) {
        public Change {
            Objects.requireNonNull(situation, "situation");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /** Whether the effect itself changed (not only the reasons or redactions). */
        public boolean effectChanged() {
            return before.effect() != after.effect();
        }
    }

    /** Compares the decisions of two engines over every situation. */
    public static PackDiff between(PolicyEngine before, PolicyEngine after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        List<SituationOutcome> a = Analyzer.run(EngineAccess.evaluator(before));
        List<SituationOutcome> b = Analyzer.run(EngineAccess.evaluator(after));
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameDecisionAs(b.get(i))) {
                changes.add(new Change(a.get(i).situation(), a.get(i), b.get(i)));
            }
        }
        return new PackDiff(
                before.packId() + "@" + before.packVersion(),
                after.packId() + "@" + after.packVersion(),
                a.size(),
                changes);
    }

    /** Whether any decision changed. */
    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    /** Only the changes of effect. */
    public List<Change> effectChanges() {
        return changes.stream().filter(Change::effectChanged).toList();
    }
}
