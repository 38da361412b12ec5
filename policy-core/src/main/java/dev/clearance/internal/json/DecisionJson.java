package dev.clearance.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.clearance.Decision;
import dev.clearance.Diagnostic;
import dev.clearance.Reason;
import dev.clearance.Redaction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes decision JSON in the contract's field order. Never writes the restore mapping. Internal. */
public final class DecisionJson {
    private static final JsonFactory FACTORY = Mappers.json().getFactory();

    private DecisionJson() {}

    public static String write(Decision d) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(d, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code "remediation": {"product", "optOut", "alternatives": [{product, name, tier, effect}], "hint"}}. */
    private static void writeRemediation(dev.clearance.Remediation m, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("remediation");
        if (m.product() != null) {
            g.writeStringField("product", m.product());
        }
        if (m.optOut() != null) {
            g.writeStringField("optOut", m.optOut());
        }
        g.writeArrayFieldStart("alternatives");
        for (dev.clearance.Remediation.Alternative a : m.alternatives()) {
            g.writeStartObject();
            g.writeStringField("product", a.product());
            g.writeStringField("name", a.name());
            g.writeStringField("tier", a.tier().name());
            g.writeStringField("effect", a.effect().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("hint", m.hint());
        g.writeEndObject();
    }

    public static void write(Decision d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("decisionId", d.decisionId());
        g.writeStringField("effect", d.effect().name());
        g.writeArrayFieldStart("reasons");
        for (Reason r : d.reasons()) {
            g.writeStartObject();
            g.writeStringField("ruleId", r.ruleId());
            if (r.effect() != null) {
                g.writeStringField("effect", r.effect().name());
            }
            g.writeStringField("message", r.message());
            g.writeStringField("pack", r.pack());
            g.writeStringField("packVersion", r.packVersion());
            if (r.remediation() != null) {
                writeRemediation(r.remediation(), g);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("redactions");
        for (Redaction r : d.redactions()) {
            g.writeStartObject();
            g.writeStringField("type", r.type());
            g.writeStringField("rule", r.rule());
            g.writeNumberField("start", r.start());
            g.writeNumberField("end", r.end());
            g.writeStringField("replacement", r.replacement());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (d.content() != null) {
            g.writeStringField("content", d.content());
        }
        g.writeArrayFieldStart("diagnostics");
        for (Diagnostic x : d.diagnostics()) {
            writeDiagnostic(x, g);
        }
        g.writeEndArray();
        g.writeNumberField("elapsedMicros", d.elapsedMicros());
        g.writeStringField("pack", d.pack());
        g.writeStringField("packVersion", d.packVersion());
        g.writeEndObject();
    }

    public static void writeDiagnostic(Diagnostic x, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("severity", x.severity().name());
        if (!x.resource().isEmpty()) {
            g.writeStringField("resource", x.resource());
            g.writeNumberField("line", x.line());
            g.writeNumberField("column", x.column());
        }
        if (x.ruleId() != null) {
            g.writeStringField("ruleId", x.ruleId());
        }
        g.writeStringField("message", x.message());
        g.writeEndObject();
    }
}
