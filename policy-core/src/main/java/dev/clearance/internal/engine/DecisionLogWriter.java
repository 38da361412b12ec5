package dev.clearance.internal.engine;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Finding;
import dev.clearance.PolicyRequest;
import dev.clearance.Tier;
import dev.clearance.decisionlog.DecisionLogRecord;
import dev.clearance.spi.DecisionLogSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one {@link DecisionLogRecord} per decision and hands it to the sink: ids, effect, rules, destination,
 * finding counts, content length and a keyed hash of the content, never the content. A sink that throws is
 * logged (by class name) and otherwise ignored: the decision stands.
 */
final class DecisionLogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLogWriter.class);

    private final DecisionLogSink sink;
    private final ContentHasher hasher;
    private final int maxFieldChars;

    /** @param maxFieldChars a longer id, user id, product or provider is recorded as absent */
    DecisionLogWriter(DecisionLogSink sink, byte[] key, int maxFieldChars) {
        this.sink = sink;
        this.hasher = new ContentHasher(key);
        this.maxFieldChars = maxFieldChars;
    }

    private String bounded(String value) {
        return value != null && value.length() > maxFieldChars ? null : value;
    }

    boolean enabled() {
        return sink.enabled();
    }

    /**
     * @param findings  what scanning found (possibly more than the limit allowed)
     * @param effective the classification the rules saw; null when evaluation stopped before it was known
     * @param tier      the resolved tier; null when evaluation stopped before resolving
     */
    void write(PolicyRequest request, Decision d, List<Finding> findings, Classification effective, Tier tier) {
        try {
            String content = request.data().content();
            Map<String, Integer> counts = new HashMap<>();
            for (Finding f : findings) {
                counts.merge(f.type(), 1, Integer::sum);
            }
            sink.record(new DecisionLogRecord(
                    d.decisionId(),
                    Instant.now(),
                    bounded(request.id()),
                    d.effect(),
                    d.ruleIds(),
                    d.pack(),
                    d.packVersion(),
                    bounded(request.user().id()),
                    bounded(request.destination().product()),
                    bounded(request.destination().provider()),
                    tier,
                    effective != null ? effective : request.data().classification(),
                    request.data().classification(),
                    counts,
                    content == null ? 0 : content.length(),
                    content == null ? null : hasher.hash(content),
                    d.elapsedMicros()));
        } catch (RuntimeException ex) {
            LOG.warn("decision log sink {} failed: {}", sink, ex.getClass().getName());
        }
    }
}
