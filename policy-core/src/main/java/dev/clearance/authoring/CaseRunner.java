package dev.clearance.authoring;

import dev.clearance.PolicyEngine;
import dev.clearance.internal.engine.EngineAccess;
import dev.clearance.internal.engine.Evaluator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs {@link PolicyCase}s against an engine and records which rules they made act, for a rule-coverage report.
 * Thread-safe. Shared by {@code clearance test} and the JUnit kit ({@code policy-test}).
 */
public final class CaseRunner {
    private final PolicyEngine engine;
    private final Set<String> fired = ConcurrentHashMap.newKeySet();

    private CaseRunner(PolicyEngine engine) {
        this.engine = engine;
    }

    public static CaseRunner of(PolicyEngine engine) {
        return new CaseRunner(Objects.requireNonNull(engine, "engine"));
    }

    public PolicyEngine engine() {
        return engine;
    }

    /** Decides the case's request and checks the decision against the expectation. */
    public CaseResult run(PolicyCase policyCase) {
        Objects.requireNonNull(policyCase, "policyCase");
        Evaluator.Trace trace = EngineAccess.evaluator(engine).trace(policyCase.request());
        Set<String> rules = trace.firedRules();
        fired.addAll(rules);
        return new CaseResult(policyCase, trace.decision(), policyCase.check(trace.decision()), rules);
    }

    /** Runs every case. */
    public List<CaseResult> runAll(List<PolicyCase> cases) {
        return cases.stream().map(this::run).toList();
    }

    /** The coverage of the cases run so far. */
    public RuleCoverage coverage() {
        return new RuleCoverage(engine.ruleIds(), Set.copyOf(fired));
    }
}
