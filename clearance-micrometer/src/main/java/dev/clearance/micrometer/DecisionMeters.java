package dev.clearance.micrometer;

import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.decisionlog.DecisionLogRecord;
import dev.clearance.spi.DecisionLogSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The Micrometer meters of Clearance decisions, one definition shared by the Spring Boot starter, the HTTP server
 * ({@code clearance serve}) and the gateway ({@code clearance gateway}). Fed as a {@link DecisionLogSink} (so they
 * see exactly what the decision log sees, never content), or with the {@link Decision}s a caller serves:
 *
 * <ul>
 *   <li>{@value #DECISIONS} — counter, tag {@code effect} (Prometheus: {@code clearance_decisions_total});
 *   <li>{@value #DECISION_RULES} — counter per deciding rule, tags {@code effect} and {@code rule}
 *       ({@code clearance_decision_rules_total});
 *   <li>{@value #LATENCY} — timer of the evaluation, with histogram buckets from 50 µs to 1 s
 *       ({@code clearance_decision_latency_seconds_bucket});
 *   <li>{@value #FINDINGS} — counter of findings, tag {@code type}, a detector type such as {@code EMAIL_ADDRESS}
 *       ({@code clearance_findings_total}); fed only as a decision-log sink (a {@link Decision} does not carry its
 *       findings);
 *   <li>{@value #RELOADS_REJECTED} and {@value #ROLLBACKS_REFUSED} — counters of a hot-reloading engine
 *       ({@code clearance_pack_reloads_rejected_total}, {@code clearance_pack_rollbacks_refused_total}), zero
 *       until {@link #bindReloads bound}.
 * </ul>
 *
 * Tag values are bounded by the pack's rule ids and the detectors' types. Thread-safe.
 */
public class DecisionMeters implements DecisionLogSink {
    /** Decisions made, by effect. */
    public static final String DECISIONS = "clearance.decisions";
    /** Deciding rules, by effect and rule id. */
    public static final String DECISION_RULES = "clearance.decision.rules";
    /** Evaluation time. */
    public static final String LATENCY = "clearance.decision.latency";
    /** Findings, by type. */
    public static final String FINDINGS = "clearance.findings";
    /** Hot reloads that failed (the last good pack kept serving). */
    public static final String RELOADS_REJECTED = "clearance.pack.reloads.rejected";
    /** Hot reloads refused under a trusted key because the pack's version was older than the one serving. */
    public static final String ROLLBACKS_REFUSED = "clearance.pack.rollbacks.refused";

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(50_000),
        Duration.ofNanos(100_000),
        Duration.ofNanos(250_000),
        Duration.ofNanos(500_000),
        Duration.ofMillis(1),
        Duration.ofNanos(2_500_000),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(1000)
    };

    private final MeterRegistry registry;
    private final Counter[] decisions = new Counter[Effect.values().length];
    private final Timer latency;
    private final ReloadCounts reloads = new ReloadCounts();

    /** What the reload counters read; the registry holds it only weakly, this object strongly. */
    private static final class ReloadCounts {
        volatile LongSupplier rejected = () -> 0;
        volatile LongSupplier refused = () -> 0;
    }

    /** Registers the meters on {@code registry}; the per-effect counters exist from the start, at zero. */
    public DecisionMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (Effect e : Effect.values()) {
            decisions[e.ordinal()] = Counter.builder(DECISIONS)
                    .description("Clearance decisions, by effect")
                    .tag("effect", e.name())
                    .register(registry);
        }
        latency = Timer.builder(LATENCY)
                .description("Clearance evaluation time")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        FunctionCounter.builder(RELOADS_REJECTED, reloads, r -> (double) r.rejected.getAsLong())
                .description("Hot reloads that failed; the last good pack kept serving")
                .register(registry);
        FunctionCounter.builder(ROLLBACKS_REFUSED, reloads, r -> (double) r.refused.getAsLong())
                .description("Hot reloads refused because the pack's version was older than the one serving")
                .register(registry);
    }

    /** The registry the meters are on. */
    public MeterRegistry registry() {
        return registry;
    }

    /** One decision, as the decision log records it: effect, deciding rules, evaluation time, findings by type. */
    @Override
    public void record(DecisionLogRecord record) {
        decided(record.effect(), record.ruleIds(), record.elapsedMicros());
        for (Map.Entry<String, Integer> f : record.findingCounts().entrySet()) {
            Counter.builder(FINDINGS)
                    .description("Findings in decided content, by type")
                    .tag("type", f.getKey())
                    .register(registry)
                    .increment(f.getValue());
        }
    }

    /** One decision served (effect, deciding rules, evaluation time); its findings are not known here. */
    public void record(Decision decision) {
        decided(decision.effect(), decision.ruleIds(), decision.elapsedMicros());
    }

    private void decided(Effect effect, List<String> ruleIds, long elapsedMicros) {
        decisions[effect.ordinal()].increment();
        for (String rule : ruleIds) {
            Counter.builder(DECISION_RULES)
                    .description("Rules that decided, by effect and rule id")
                    .tag("effect", effect.name())
                    .tag("rule", rule)
                    .register(registry)
                    .increment();
        }
        latency.record(Duration.ofNanos(Math.max(0, elapsedMicros) * 1_000L));
    }

    /**
     * Where {@value #RELOADS_REJECTED} and {@value #ROLLBACKS_REFUSED} come from: a hot-reloading engine's counts,
     * read when the registry is scraped (zero until bound), e.g.
     * {@code bindReloads(engine::rejectedReloads, engine::refusedRollbacks)}.
     */
    public void bindReloads(LongSupplier rejected, LongSupplier refused) {
        reloads.rejected = Objects.requireNonNull(rejected, "rejected");
        reloads.refused = Objects.requireNonNull(refused, "refused");
    }
}
