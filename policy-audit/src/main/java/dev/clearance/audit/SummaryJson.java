package dev.clearance.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes {@code summary.json}. Counts, ids, host names, rule ids and finding types only. */
final class SummaryJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private SummaryJson() {
    }

    static String write(AuditSummary s) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", 1);
            g.writeObjectFieldStart("records");
            g.writeNumberField("decided", s.decided());
            g.writeNumberField("skipped", s.skipped());
            g.writeNumberField("unreadable", s.unreadable());
            g.writeNumberField("withContent", s.withContent());
            g.writeNumberField("contentChars", s.contentChars());
            g.writeNumberField("untimed", s.untimed());
            g.writeEndObject();
            g.writeStringField("firstTime", s.firstTime().map(Object::toString).orElse(null));
            g.writeStringField("lastTime", s.lastTime().map(Object::toString).orElse(null));
            g.writeFieldName("effects");
            counts(g, s.effects());
            g.writeObjectFieldStart("byProduct");
            for (Map.Entry<String, AuditSummary.EffectCounts> e : s.byProduct().entrySet()) {
                g.writeFieldName(e.getKey());
                counts(g, e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("byTier");
            for (Map.Entry<String, AuditSummary.EffectCounts> e : s.byTier().entrySet()) {
                g.writeFieldName(e.getKey());
                counts(g, e.getValue());
            }
            g.writeEndObject();
            longs(g, "rules", s.rules());
            longs(g, "findingTypes", s.findingTypes());
            longs(g, "recordsWithFindingType", s.recordsWithFindingType());
            g.writeNumberField("users", s.userCount());
            g.writeObjectFieldStart("topUsers");
            for (Map.Entry<String, AuditSummary.EffectCounts> e : s.topUsers(50).entrySet()) {
                g.writeFieldName(e.getKey());
                counts(g, e.getValue());
            }
            g.writeEndObject();
            longs(g, "unknownHosts", s.unknownHosts());
            g.writeArrayFieldStart("hourly");
            for (Map.Entry<java.time.Instant, AuditSummary.EffectCounts> e : s.hourly().entrySet()) {
                g.writeStartObject();
                g.writeStringField("hour", e.getKey().toString());
                g.writeNumberField("ALLOW", e.getValue().allow());
                g.writeNumberField("DENY", e.getValue().deny());
                g.writeNumberField("REDACT", e.getValue().redact());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("issues");
            for (Map.Entry<IssueKind, Long> e : s.issues().entrySet()) {
                g.writeObjectFieldStart(e.getKey().name());
                g.writeNumberField("count", e.getValue());
                g.writeBooleanField("recordSkipped", e.getKey().skipsRecord());
                g.writeArrayFieldStart("samples");
                for (AuditSummary.Sample sample : s.samples(e.getKey())) {
                    g.writeString(sample.toString());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void counts(JsonGenerator g, AuditSummary.EffectCounts c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("ALLOW", c.allow());
        g.writeNumberField("DENY", c.deny());
        g.writeNumberField("REDACT", c.redact());
        g.writeNumberField("total", c.total());
        g.writeEndObject();
    }

    private static void longs(JsonGenerator g, String name, Map<String, Long> map) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : map.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
