package dev.clearance.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters behind {@code GET /metrics}, on a Micrometer {@link PrometheusMeterRegistry} (Prometheus text format
 * 0.0.4): requests by outcome, errors by kind, parts decided and cached, open streams, pack info; the connection
 * meters of {@code dev.clearance.server.http.ConnectorLimits} and the decision meters of
 * {@code dev.clearance.micrometer.DecisionMeters} are on the same registry. Labels are fixed words, never content.
 */
final class Metrics {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicInteger openStreams = new AtomicInteger();
    private final Counter partsDecided;
    private final Counter partsCached;
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> requests =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> errors =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The gateway's own time per request: deciding and editing, not the upstream's time or the network's. */
    final io.micrometer.core.instrument.Timer ownTime;

    private String packInfo = "";
    private Gauge packGauge;

    Metrics() {
        partsDecided = Counter.builder("clearance.gateway.parts.decided")
                .description("Text parts decided by the engine")
                .register(registry);
        partsCached = Counter.builder("clearance.gateway.parts.cached")
                .description("Text parts already checked in an earlier turn (history cache hits)")
                .register(registry);
        ownTime = io.micrometer.core.instrument.Timer.builder("clearance.gateway.own")
                .description("Time the gateway itself spent on a request (reading it, deciding, editing and restoring"
                        + " the answer), without waiting for the upstream")
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofNanos(10_000))
                .maximumExpectedValue(java.time.Duration.ofSeconds(10))
                .register(registry);
        Gauge.builder("clearance.gateway.open.streams", openStreams, AtomicInteger::get)
                .description("Streams being relayed now")
                .register(registry);
    }

    void request(String effect) {
        requests.computeIfAbsent(
                        effect,
                        e -> Counter.builder("clearance.gateway.requests")
                                .description("Provider requests by outcome")
                                .tag("outcome", e)
                                .register(registry))
                .increment();
    }

    void error(String kind) {
        errors.computeIfAbsent(
                        kind,
                        k -> Counter.builder("clearance.gateway.errors")
                                .description("Requests that ended in an error, by kind")
                                .tag("kind", k)
                                .register(registry))
                .increment();
    }

    void own(long nanos) {
        ownTime.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void parts(int decided, int cached) {
        partsDecided.increment(decided);
        partsCached.increment(cached);
    }

    long errors(String kind) {
        Counter c = registry.find("clearance.gateway.errors").tag("kind", kind).counter();
        return c == null ? 0 : (long) c.count();
    }

    String render(String pack, String packVersion) {
        packInfo(pack, packVersion);
        return registry.scrape();
    }

    /** {@code clearance_gateway_pack_info{pack, version} 1}: one series, replaced when the pack changes. */
    private synchronized void packInfo(String pack, String version) {
        String key = pack + "\u0000" + version;
        if (key.equals(packInfo)) {
            return;
        }
        if (packGauge != null) {
            registry.remove(packGauge);
        }
        packGauge = Gauge.builder("clearance.gateway.pack.info", () -> 1)
                .description("The rule pack this gateway decides with")
                .tag("pack", pack)
                .tag("version", version)
                .register(registry);
        packInfo = key;
    }
}
