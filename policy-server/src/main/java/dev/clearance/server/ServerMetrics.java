package dev.clearance.server;

import dev.clearance.Decision;
import dev.clearance.Effect;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counters behind {@code GET /metrics}, rendered in the Prometheus text format 0.0.4. Thread-safe. */
final class ServerMetrics {
    /** Upper bounds of the latency histogram, in seconds. */
    static final double[] BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5
    };

    private final java.util.function.Supplier<dev.clearance.PolicyEngine> engines;
    private final LongAdder[] effects = new LongAdder[Effect.values().length];
    private final ConcurrentHashMap<String, LongAdder> rules = new ConcurrentHashMap<>();
    private final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
    private final DoubleAdder latencySum = new DoubleAdder();
    private final LongAdder redactions = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> responses = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier openConnections;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder limitReached = new LongAdder();
    private final LongAdder slowHeaders = new LongAdder();
    private final LongAdder slowBodies = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private volatile java.util.function.LongSupplier rejectedReloads = () -> 0;
    private volatile java.util.function.LongSupplier refusedRollbacks = () -> 0;

    /**
     * @param engines the engine serving now (its pack can change on hot reload)
     * @param openConnections connections open now
     */
    ServerMetrics(
            java.util.function.Supplier<dev.clearance.PolicyEngine> engines,
            java.util.function.LongSupplier openConnections) {
        this.engines = engines;
        this.openConnections = openConnections;
        for (int i = 0; i < effects.length; i++) {
            effects[i] = new LongAdder();
        }
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Where the reload counts of a hot-reloading engine come from (zero for a fixed engine). */
    void reloads(java.util.function.LongSupplier rejected, java.util.function.LongSupplier rollbacks) {
        this.rejectedReloads = rejected;
        this.refusedRollbacks = rollbacks;
    }

    long rejectedReloads() {
        return rejectedReloads.getAsLong();
    }

    long refusedRollbacks() {
        return refusedRollbacks.getAsLong();
    }

    /** One decision served, and how long the request took to handle (parse, decide, render). */
    void decision(Decision d, long nanos) {
        effects[d.effect().ordinal()].increment();
        for (String rule : d.ruleIds()) {
            rules.computeIfAbsent(rule, k -> new LongAdder()).increment();
        }
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        buckets[i].increment();
        latencySum.add(seconds);
    }

    void redaction() {
        redactions.increment();
    }

    /** One HTTP response; {@code endpoint} is one of the API's paths or {@code other}, so labels stay bounded. */
    void response(String endpoint, int status) {
        responses
                .computeIfAbsent(endpoint + "\u0000" + status, k -> new LongAdder())
                .increment();
    }

    /** A connection was accepted. */
    void accepted() {
        accepted.increment();
    }

    /** The server reached its connection limit and paused accepting. */
    void limitReached() {
        limitReached.increment();
    }

    /** A connection closed for not completing its request headers within the header timeout. */
    void slowHeaders() {
        slowHeaders.increment();
    }

    /** A request cut (408, connection closed) for sending its body below the minimum data rate. */
    void slowBody() {
        slowBodies.increment();
    }

    /** A request refused with 503 because the decision queue was full. */
    void busy() {
        busy.increment();
    }

    String render() {
        StringBuilder s = new StringBuilder(2048);
        dev.clearance.PolicyEngine current = engines.get();
        String pack = current.packId();
        String packVersion = current.packVersion();
        s.append("# HELP clearance_pack_info The rule pack this server decides with.\n");
        s.append("# TYPE clearance_pack_info gauge\n");
        s.append("clearance_pack_info{pack=\"")
                .append(label(pack))
                .append("\",version=\"")
                .append(label(packVersion))
                .append("\"} 1\n");
        dev.clearance.EngineHealth health = current.health();
        s.append("# HELP clearance_rule_overruns_total Decisions denied limit.timeBudget because the rules overran"
                + " (per pack version: restarts at 0 on reload).\n");
        s.append("# TYPE clearance_rule_overruns_total counter\n");
        s.append("clearance_rule_overruns_total ").append(health.overruns()).append('\n');
        s.append("# HELP clearance_rule_workers_stuck Rule threads held by a rule that did not return within its"
                + " time budget.\n");
        s.append("# TYPE clearance_rule_workers_stuck gauge\n");
        s.append("clearance_rule_workers_stuck ").append(health.stuckWorkers()).append('\n');
        s.append("# HELP clearance_pack_reloads_rejected_total Hot reloads that failed; the last good pack kept"
                + " serving.\n");
        s.append("# TYPE clearance_pack_reloads_rejected_total counter\n");
        s.append("clearance_pack_reloads_rejected_total ")
                .append(rejectedReloads())
                .append('\n');
        s.append("# HELP clearance_pack_rollbacks_refused_total Hot reloads refused under a trusted key because the"
                + " pack's version was older than the one serving.\n");
        s.append("# TYPE clearance_pack_rollbacks_refused_total counter\n");
        s.append("clearance_pack_rollbacks_refused_total ")
                .append(refusedRollbacks())
                .append('\n');
        s.append("# HELP clearance_decisions_total Decisions served, by effect.\n");
        s.append("# TYPE clearance_decisions_total counter\n");
        for (Effect e : Effect.values()) {
            s.append("clearance_decisions_total{effect=\"")
                    .append(e.name())
                    .append("\"} ")
                    .append(effects[e.ordinal()].sum())
                    .append('\n');
        }
        s.append("# HELP clearance_decision_rules_total Decisions served, by deciding rule id.\n");
        s.append("# TYPE clearance_decision_rules_total counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(rules).entrySet()) {
            s.append("clearance_decision_rules_total{rule=\"")
                    .append(label(e.getKey()))
                    .append("\"} ")
                    .append(e.getValue().sum())
                    .append('\n');
        }
        s.append("# HELP clearance_decision_duration_seconds Time to handle POST /v1/decisions (parse, decide, "
                + "render).\n");
        s.append("# TYPE clearance_decision_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < buckets.length; i++) {
            cumulative += buckets[i].sum();
            String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
            s.append("clearance_decision_duration_seconds_bucket{le=\"")
                    .append(le)
                    .append("\"} ")
                    .append(cumulative)
                    .append('\n');
        }
        s.append("clearance_decision_duration_seconds_sum ")
                .append(latencySum.sum())
                .append('\n');
        s.append("clearance_decision_duration_seconds_count ")
                .append(cumulative)
                .append('\n');
        s.append("# HELP clearance_redactions_total Texts redacted through POST /v1/redactions.\n");
        s.append("# TYPE clearance_redactions_total counter\n");
        s.append("clearance_redactions_total ").append(redactions.sum()).append('\n');
        s.append("# HELP clearance_http_responses_total HTTP responses, by endpoint and status code.\n");
        s.append("# TYPE clearance_http_responses_total counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(responses).entrySet()) {
            String[] k = e.getKey().split("\u0000", 2);
            s.append("clearance_http_responses_total{endpoint=\"")
                    .append(label(k[0]))
                    .append("\",code=\"")
                    .append(k[1])
                    .append("\"} ")
                    .append(e.getValue().sum())
                    .append('\n');
        }
        s.append("# HELP clearance_connections_open Connections open now.\n");
        s.append("# TYPE clearance_connections_open gauge\n");
        s.append("clearance_connections_open ")
                .append(openConnections.getAsLong())
                .append('\n');
        s.append("# HELP clearance_connections_accepted_total Connections accepted.\n");
        s.append("# TYPE clearance_connections_accepted_total counter\n");
        s.append("clearance_connections_accepted_total ").append(accepted.sum()).append('\n');
        s.append("# HELP clearance_connection_limit_reached_total Times accepting paused at --max-connections.\n");
        s.append("# TYPE clearance_connection_limit_reached_total counter\n");
        s.append("clearance_connection_limit_reached_total ")
                .append(limitReached.sum())
                .append('\n');
        s.append("# HELP clearance_slow_clients_total Connections closed for being too slow, by phase.\n");
        s.append("# TYPE clearance_slow_clients_total counter\n");
        s.append("clearance_slow_clients_total{phase=\"headers\"} ")
                .append(slowHeaders.sum())
                .append('\n');
        s.append("clearance_slow_clients_total{phase=\"body\"} ")
                .append(slowBodies.sum())
                .append('\n');
        s.append("# HELP clearance_busy_rejections_total Requests answered 503 because the decision queue was full.\n");
        s.append("# TYPE clearance_busy_rejections_total counter\n");
        s.append("clearance_busy_rejections_total ").append(busy.sum()).append('\n');
        return s.toString();
    }

    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
