package dev.clearance.spring.boot;

import dev.clearance.decisionlog.DecisionLogRecord;
import dev.clearance.spi.DecisionLogSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * Micrometer meters of every decision, fed as a {@link DecisionLogSink} (so they see exactly what the decision
 * log sees, never content):
 *
 * <ul>
 *   <li>{@value #DECISIONS} — counter, tag {@code effect};
 *   <li>{@value #DECISION_RULES} — counter per deciding rule, tags {@code effect} and {@code rule};
 *   <li>{@value #LATENCY} — timer of the evaluation;
 *   <li>{@value #FINDINGS} — counter of findings, tag {@code type} (a detector type such as {@code EMAIL_ADDRESS}).
 * </ul>
 *
 * Tag values are bounded by the pack's rule ids and the detectors' types.
 */
public class ClearanceMeters implements DecisionLogSink {
    /** Decisions made, by effect. */
    public static final String DECISIONS = "clearance.decisions";
    /** Deciding rules, by effect and rule id. */
    public static final String DECISION_RULES = "clearance.decision.rules";
    /** Evaluation time. */
    public static final String LATENCY = "clearance.decision.latency";
    /** Findings, by type. */
    public static final String FINDINGS = "clearance.findings";

    private final MeterRegistry registry;

    public ClearanceMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(DecisionLogRecord record) {
        String effect = record.effect().name();
        Counter.builder(DECISIONS)
                .description("Clearance decisions, by effect")
                .tag("effect", effect)
                .register(registry)
                .increment();
        for (String rule : record.ruleIds()) {
            Counter.builder(DECISION_RULES)
                    .description("Rules that decided, by effect and rule id")
                    .tag("effect", effect)
                    .tag("rule", rule)
                    .register(registry)
                    .increment();
        }
        Timer.builder(LATENCY)
                .description("Clearance evaluation time")
                .register(registry)
                .record(Duration.ofNanos(record.elapsedMicros() * 1_000L));
        for (Map.Entry<String, Integer> f : record.findingCounts().entrySet()) {
            Counter.builder(FINDINGS)
                    .description("Findings in decided content, by type")
                    .tag("type", f.getKey())
                    .register(registry)
                    .increment(f.getValue());
        }
    }
}
