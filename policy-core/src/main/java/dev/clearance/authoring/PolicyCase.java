package dev.clearance.authoring;

import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One golden test case for a rule pack: a request and what its decision must be. Case files (YAML or JSON) hold a
 * {@code cases:} list of {@code {name, request, expect: {effect, reasons, redactedTypes}}}.
 *
 * @param file    the file the case came from ({@code ""} when built in code)
 * @param name    what the case proves
 * @param request the request, read with the same strict rules as request JSON
 * @param expect  the expected decision
 */
public record PolicyCase(String file, String name, PolicyRequest request, Expectation expect) {

    public PolicyCase {
        file = file == null ? "" : file;
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expect, "expect");
    }

    /**
     * What a decision must show.
     *
     * @param effect        the effect; required
     * @param reasons       rule ids that must all be among the decision's reasons; null when not checked
     * @param redactedTypes the exact set of redacted finding types; null when not checked
     */
    public record Expectation(Effect effect, List<String> reasons, Set<String> redactedTypes) {
        public Expectation {
            Objects.requireNonNull(effect, "effect");
            reasons = reasons == null ? null : List.copyOf(reasons);
            redactedTypes = redactedTypes == null ? null : Set.copyOf(redactedTypes);
        }
    }

    /** The mismatches between {@code decision} and the expectation; empty when the case passes. */
    public List<String> check(Decision decision) {
        List<String> problems = new ArrayList<>();
        if (decision.effect() != expect.effect()) {
            problems.add(
                    "expected effect " + expect.effect() + " but was " + decision.effect() + " " + decision.ruleIds());
        }
        if (expect.reasons() != null) {
            Set<String> missing = new LinkedHashSet<>(expect.reasons());
            missing.removeAll(decision.ruleIds());
            if (!missing.isEmpty()) {
                problems.add("expected reasons " + missing + " among " + decision.ruleIds());
            }
        }
        if (expect.redactedTypes() != null) {
            Set<String> actual = new TreeSet<>();
            decision.redactions().forEach(r -> actual.add(r.type()));
            if (!actual.equals(new TreeSet<>(expect.redactedTypes()))) {
                problems.add(
                        "expected redacted types " + new TreeSet<>(expect.redactedTypes()) + " but were " + actual);
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return (file.isEmpty() ? "" : file + ": ") + name;
    }
}
