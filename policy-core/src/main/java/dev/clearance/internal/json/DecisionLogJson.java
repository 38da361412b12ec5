package dev.clearance.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.clearance.decisionlog.DecisionLogRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Writes audit records as one JSON line. Internal. */
public final class DecisionLogJson {
    private DecisionLogJson() {}

    public static String write(DecisionLogRecord r) {
        StringWriter out = new StringWriter(320);
        try (JsonGenerator g = Mappers.json().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("decisionId", r.decisionId());
            g.writeStringField("time", r.time().toString());
            g.writeStringField("id", r.requestId());
            g.writeStringField("effect", r.effect().name());
            g.writeArrayFieldStart("ruleIds");
            for (String id : r.ruleIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeStringField("pack", r.pack());
            g.writeStringField("packVersion", r.packVersion());
            g.writeStringField("user", r.userId());
            g.writeObjectFieldStart("destination");
            g.writeStringField("product", r.product());
            g.writeStringField("provider", r.provider());
            g.writeStringField("tier", r.tier() == null ? null : r.tier().name());
            g.writeEndObject();
            g.writeStringField(
                    "classification",
                    r.classification() == null ? null : r.classification().name());
            g.writeStringField(
                    "declaredClassification",
                    r.declaredClassification() == null
                            ? null
                            : r.declaredClassification().name());
            g.writeObjectFieldStart("findings");
            for (Map.Entry<String, Integer> e : new TreeMap<>(r.findingCounts()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("contentLength", r.contentLength());
            g.writeStringField("contentHash", r.contentHash());
            g.writeNumberField("elapsedMicros", r.elapsedMicros());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
