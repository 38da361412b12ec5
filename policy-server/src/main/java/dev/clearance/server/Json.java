package dev.clearance.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.clearance.Redaction;
import dev.clearance.RedactionResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The server's own small JSON documents, read strictly and written with Jackson's streaming API. */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {}

    static String error(String message, String field) {
        return write(g -> {
            g.writeStringField("error", message);
            g.writeStringField("field", field);
        });
    }

    static String redaction(RedactionResult r) {
        return write(g -> {
            g.writeStringField("content", r.content());
            g.writeArrayFieldStart("redactions");
            for (Redaction x : r.redactions()) {
                g.writeStartObject();
                g.writeStringField("type", x.type());
                g.writeStringField("rule", x.rule());
                g.writeNumberField("start", x.start());
                g.writeNumberField("end", x.end());
                g.writeStringField("replacement", x.replacement());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    static String write(Fields fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads {@code {"text": "…"}} strictly: an object with exactly one string field {@code text}, nothing after it.
     * Error messages name the field and the position, never the document's content.
     */
    static String readRedactionText(byte[] body) {
        String text = null;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpError(400, "", "the body must be a JSON object {\"text\": \"...\"}");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!"text".equals(name)) {
                    // the name of an unknown field is request content: never repeated
                    throw new HttpError(400, "", "unknown field at the top level (known fields: text)");
                }
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw new HttpError(400, "text", "field 'text' must be a string");
                }
                text = p.getText();
            }
            if (t != JsonToken.END_OBJECT) {
                throw new HttpError(400, "", "malformed JSON");
            }
            if (p.nextToken() != null) {
                throw new HttpError(400, "", "trailing data after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "", malformed(e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text == null) {
            throw new HttpError(400, "text", "missing field 'text'");
        }
        return text;
    }

    private static String malformed(JsonLocation at) {
        return at == null
                ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
