package dev.clearance.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters behind {@code GET /metrics}, in the Prometheus text format 0.0.4. Labels are fixed words, never content. */
final class Metrics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder partsDecided = new LongAdder();
    private final LongAdder partsCached = new LongAdder();
    final AtomicInteger openStreams = new AtomicInteger();

    void request(String effect) {
        requests.computeIfAbsent(effect, k -> new LongAdder()).increment();
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void parts(int decided, int cached) {
        partsDecided.add(decided);
        partsCached.add(cached);
    }

    long errors(String kind) {
        LongAdder a = errors.get(kind);
        return a == null ? 0 : a.sum();
    }

    String render(String pack, String packVersion) {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP clearance_gateway_requests_total Provider requests by outcome.\n");
        sb.append("# TYPE clearance_gateway_requests_total counter\n");
        new TreeMap<>(requests)
                .forEach((k, v) -> sb.append("clearance_gateway_requests_total{outcome=\"")
                        .append(k)
                        .append("\"} ")
                        .append(v.sum())
                        .append('\n'));
        sb.append("# HELP clearance_gateway_errors_total Requests that ended in an error, by kind.\n");
        sb.append("# TYPE clearance_gateway_errors_total counter\n");
        new TreeMap<>(errors)
                .forEach((k, v) -> sb.append("clearance_gateway_errors_total{kind=\"")
                        .append(k)
                        .append("\"} ")
                        .append(v.sum())
                        .append('\n'));
        sb.append("# TYPE clearance_gateway_parts_decided_total counter\n");
        sb.append("clearance_gateway_parts_decided_total ")
                .append(partsDecided.sum())
                .append('\n');
        sb.append("# TYPE clearance_gateway_parts_cached_total counter\n");
        sb.append("clearance_gateway_parts_cached_total ")
                .append(partsCached.sum())
                .append('\n');
        sb.append("# TYPE clearance_gateway_open_streams gauge\n");
        sb.append("clearance_gateway_open_streams ").append(openStreams.get()).append('\n');
        sb.append("# TYPE clearance_gateway_pack_info gauge\n");
        sb.append("clearance_gateway_pack_info{pack=\"")
                .append(pack)
                .append("\",version=\"")
                .append(packVersion)
                .append("\"} 1\n");
        return sb.toString();
    }
}
