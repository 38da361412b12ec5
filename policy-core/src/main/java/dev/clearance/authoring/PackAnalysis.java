package dev.clearance.authoring;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyEngine;
import dev.clearance.ReasonIds;
import dev.clearance.Severity;
import dev.clearance.internal.engine.Analyzer;
import dev.clearance.internal.engine.EngineAccess;
import dev.clearance.internal.engine.Evaluator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a rule pack does over the whole finite domain of {@link Situation#all()}: every situation is decided by
 * the engine with synthetic facts (a resolved destination and content-free findings), and the results are
 * checked for situations that fall to {@code default-deny}, rules that never fire, rules whose effect is always
 * overridden, and rules that throw.
 *
 * <pre>{@code
 * PackAnalysis analysis = PackAnalysis.of(engine);
 * analysis.diagnostics().forEach(d -> System.out.println(d.format()));
 * }</pre>
 */
public final class PackAnalysis {
    private final String packId;
    private final String packVersion;
    private final List<SituationOutcome> outcomes;
    private final Analyzer.Report report;
    private final Duration elapsed;

    private PackAnalysis(
            String packId,
            String packVersion,
            List<SituationOutcome> outcomes,
            Analyzer.Report report,
            Duration elapsed) {
        this.packId = packId;
        this.packVersion = packVersion;
        this.outcomes = List.copyOf(outcomes);
        this.report = report;
        this.elapsed = elapsed;
    }

    /** Runs {@code engine}'s pack over every situation of the domain. */
    public static PackAnalysis of(PolicyEngine engine) {
        Objects.requireNonNull(engine, "engine");
        long started = System.nanoTime();
        Evaluator evaluator = EngineAccess.evaluator(engine);
        List<SituationOutcome> outcomes = Analyzer.run(evaluator);
        Analyzer.Report report = Analyzer.diagnose(engine.rulePack(), engine.ruleIds(), outcomes);
        return new PackAnalysis(
                engine.packId(), engine.packVersion(), outcomes, report, Duration.ofNanos(System.nanoTime() - started));
    }

    /** How {@code engine} decides one situation. */
    public static SituationOutcome decide(PolicyEngine engine, Situation situation) {
        return Analyzer.run(EngineAccess.evaluator(engine), Objects.requireNonNull(situation, "situation"));
    }

    public String packId() {
        return packId;
    }

    public String packVersion() {
        return packVersion;
    }

    /** Every situation with its decision, in the order of {@link Situation#all()}. */
    public List<SituationOutcome> outcomes() {
        return outcomes;
    }

    /** Situations no rule decided, which fell to {@code default-deny}. */
    public List<Situation> defaultDenied() {
        return outcomes.stream()
                .filter(o -> o.ruleIds().contains(ReasonIds.DEFAULT_DENY))
                .map(SituationOutcome::situation)
                .toList();
    }

    /** Rules that fired in no situation, sorted. */
    public List<String> neverFired() {
        return report.neverFired();
    }

    /** Rules that fired but never appeared among a decision's reasons, sorted. */
    public List<String> alwaysOverridden() {
        return report.alwaysOverridden();
    }

    /**
     * Warnings (and, for rules that read facts outside the domain, infos), each located at the rule's definition
     * when the rule is in a text file; pack-wide findings have no resource.
     */
    public List<Diagnostic> diagnostics() {
        return report.diagnostics();
    }

    /** Whether any diagnostic is a warning or worse. */
    public boolean hasWarnings() {
        return report.diagnostics().stream().anyMatch(d -> d.severity() != Severity.INFO);
    }

    /** How long the analysis took. */
    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public String toString() {
        return "PackAnalysis[" + packId + "@" + packVersion + ", " + outcomes.size() + " situations, "
                + report.diagnostics().size() + " diagnostics]";
    }
}
