package dev.clearance.authoring;

import dev.clearance.Decision;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of running one {@link PolicyCase}.
 *
 * @param policyCase the case
 * @param decision   the decision the engine made
 * @param problems   mismatches with the expectation; empty when the case passed
 * @param firedRules every rule that acted, including rules the combination overrode
 */
public record CaseResult(PolicyCase policyCase, Decision decision, List<String> problems, Set<String> firedRules) {

    public CaseResult {
        Objects.requireNonNull(policyCase, "policyCase");
        Objects.requireNonNull(decision, "decision");
        problems = List.copyOf(problems);
        firedRules = Set.copyOf(firedRules);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
