package dev.clearance.server;

import dev.clearance.Decision;
import dev.clearance.PolicyEngine;
import dev.clearance.micrometer.DecisionMeters;
import dev.clearance.server.http.ConnectorLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The meters behind {@code GET /metrics}, on a Micrometer {@link PrometheusMeterRegistry} that renders the
 * Prometheus text format 0.0.4: the shared {@link DecisionMeters} (decisions by effect and rule, evaluation
 * latency, findings by type when the engine feeds them, reload counters), the connection meters of
 * {@link ConnectorLimits}, and the server's own (request duration, responses by endpoint and code, redactions,
 * busy rejections, rule overruns, pack info). Labels are fixed words, rule ids and types, never content.
 * Thread-safe.
 */
final class ServerMetrics {
    /** Upper bounds of the request duration histogram, in seconds. */
    static final double[] BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5
    };

    private final Supplier<PolicyEngine> engines;
    private final PrometheusMeterRegistry registry;
    private final DecisionMeters decisions;
    private final boolean countDecisions;
    private final Timer duration;
    private final Counter redactions;
    private final Counter busy;
    private volatile ConnectorLimits.Meters connections;
    private volatile LongSupplier rejectedReloads = () -> 0;
    private volatile LongSupplier refusedRollbacks = () -> 0;
    private String packInfo = "";
    private Gauge packGauge;

    /**
     * @param engines the engine serving now (its pack can change on hot reload)
     * @param decisions the decision meters, on {@code registry}
     * @param countDecisions true to feed {@code decisions} from the decisions served; false when the engine's
     *     decision log already feeds them
     */
    ServerMetrics(
            Supplier<PolicyEngine> engines,
            PrometheusMeterRegistry registry,
            DecisionMeters decisions,
            boolean countDecisions) {
        this.engines = engines;
        this.registry = registry;
        this.decisions = decisions;
        this.countDecisions = countDecisions;
        Duration[] slos = new Duration[BUCKETS.length];
        for (int i = 0; i < BUCKETS.length; i++) {
            slos[i] = Duration.ofNanos(Math.round(BUCKETS[i] * 1e9));
        }
        duration = Timer.builder("clearance.decision.duration")
                .description("Time to handle POST /v1/decisions (parse, decide, render)")
                .serviceLevelObjectives(slos)
                .register(registry);
        redactions = Counter.builder("clearance.redactions")
                .description("Texts redacted through POST /v1/redactions")
                .register(registry);
        busy = Counter.builder("clearance.busy.rejections")
                .description("Requests answered 503 because the decision queue was full")
                .register(registry);
        FunctionCounter.builder("clearance.rule.overruns", engines, e ->
                        (double) e.get().health().overruns())
                .description("Decisions denied limit.timeBudget because the rules overran (per pack version: restarts"
                        + " at 0 on reload)")
                .register(registry);
        Gauge.builder("clearance.rule.workers.stuck", engines, e ->
                        (double) e.get().health().stuckWorkers())
                .description("Rule threads held by a rule that did not return within its time budget")
                .register(registry);
    }

    /** The connection meters of the server's connector. */
    void connections(ConnectorLimits.Meters meters) {
        this.connections = meters;
    }

    /** Where the reload counts of a hot-reloading engine come from (zero for a fixed engine). */
    void reloads(LongSupplier rejected, LongSupplier rollbacks) {
        this.rejectedReloads = rejected;
        this.refusedRollbacks = rollbacks;
        decisions.bindReloads(rejected, rollbacks);
    }

    long rejectedReloads() {
        return rejectedReloads.getAsLong();
    }

    long refusedRollbacks() {
        return refusedRollbacks.getAsLong();
    }

    /** One decision served, and how long the request took to handle (parse, decide, render). */
    void decision(Decision d, long nanos) {
        if (countDecisions) {
            decisions.record(d);
        }
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    void redaction() {
        redactions.increment();
    }

    /** One HTTP response; {@code endpoint} is one of the API's paths or {@code other}, so labels stay bounded. */
    void response(String endpoint, int status) {
        Counter.builder("clearance.http.responses")
                .description("HTTP responses, by endpoint and status code")
                .tag("endpoint", endpoint)
                .tag("code", Integer.toString(status))
                .register(registry)
                .increment();
    }

    /** A request cut (408, connection closed) for sending its body below the minimum data rate. */
    void slowBody() {
        ConnectorLimits.Meters c = connections;
        if (c != null) {
            c.slowBody();
        }
    }

    /** A request refused with 503 because the decision queue was full. */
    void busy() {
        busy.increment();
    }

    String render() {
        PolicyEngine current = engines.get();
        packInfo(current.packId(), current.packVersion());
        return registry.scrape();
    }

    /** {@code clearance_pack_info{pack, version} 1}: one series, replaced when a reload changes the pack. */
    private synchronized void packInfo(String pack, String version) {
        String key = pack + "\u0000" + version;
        if (key.equals(packInfo)) {
            return;
        }
        if (packGauge != null) {
            registry.remove(packGauge);
        }
        packGauge = Gauge.builder("clearance.pack.info", () -> 1)
                .description("The rule pack this server decides with")
                .tag("pack", pack)
                .tag("version", version)
                .register(registry);
        packInfo = key;
    }
}
