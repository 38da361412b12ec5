package dev.clearance.authoring;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which rules of a pack a set of cases made act.
 *
 * @param rules every rule of the pack, sorted
 * @param fired the rules that acted in at least one case
 */
public record RuleCoverage(List<String> rules, Set<String> fired) {

    public RuleCoverage {
        rules = List.copyOf(rules);
        fired = Set.copyOf(Objects.requireNonNull(fired, "fired"));
    }

    /** Rules no case made act, sorted. */
    public List<String> unfired() {
        return rules.stream().filter(r -> !fired.contains(r)).toList();
    }

    /** Covered share of the rules, 0 to 1 (1 for a pack without rules). */
    public double ratio() {
        if (rules.isEmpty()) {
            return 1.0;
        }
        return (double) rules.stream().filter(fired::contains).count() / rules.size();
    }

    /** E.g. {@code 9/10 rules fired (90.0%)}. */
    public String summary() {
        long covered = rules.stream().filter(fired::contains).count();
        return covered + "/" + rules.size() + " rules fired ("
                + String.format(java.util.Locale.ROOT, "%.1f", ratio() * 100) + "%)";
    }
}
