package dev.clearance.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.clearance.Classification;
import dev.clearance.DetectionTuning;
import dev.clearance.Direction;
import dev.clearance.InvalidRequestException;
import dev.clearance.PolicyRequest;
import dev.clearance.Tier;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads request JSON strictly into {@link PolicyRequest}. Internal. */
public final class RequestJson {
    private RequestJson() {}

    record Doc(
            String id,
            UserDoc user,
            DestinationDoc destination,
            DataDoc data,
            String purpose,
            String direction,
            TuningDoc tuning) {}

    /** The request's own tuning: the shape of {@code pack.yaml}'s {@code tuning:} (what a request may not do is refused). */
    record TuningDoc(
            List<AllowDoc> allow,
            List<ContextDoc> context,
            Map<String, Double> minConfidence,
            List<Map<String, Object>> exclude,
            List<String> requestAllow) {}

    record AllowDoc(String type, List<String> values, List<String> patterns) {}

    record ContextDoc(String type, List<String> words, Double confidence, Integer window) {}

    record UserDoc(String id, List<String> groups) {}

    record DestinationDoc(
            String product, String provider, Tier tier, Boolean trainingOptOut, Boolean zeroDataRetention) {}

    record DataDoc(Classification classification, String content, List<String> labels, String path) {}

    public static PolicyRequest read(String json) {
        Doc doc;
        try {
            doc = Mappers.json().readValue(json, Doc.class);
        } catch (ValueInstantiationException e) {
            throw new InvalidRequestException(Mappers.requestFieldPath(e), "invalid request");
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(Mappers.requestFieldPath(e), Mappers.describeRequest(e));
        }
        return toRequest(doc);
    }

    /** Request JSON in UTF-8; any other encoding or an invalid byte sequence is an invalid request. */
    public static PolicyRequest read(byte[] json) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("", "the request is not valid UTF-8");
        }
        return read(text);
    }

    private static PolicyRequest toRequest(Doc doc) {
        if (doc == null) {
            throw new InvalidRequestException("", "the request must be a JSON object");
        }
        DestinationDoc d = doc.destination();
        if (d == null) {
            throw new InvalidRequestException("destination", "missing required field 'destination'");
        }
        if (d.tier() == Tier.UNKNOWN) {
            throw new InvalidRequestException(
                    "destination.tier",
                    "invalid value for 'destination.tier': expected one of [CONSUMER, API, ENTERPRISE, LOCAL]");
        }
        if (blank(d.product()) && d.tier() == null) {
            throw new InvalidRequestException("destination", "destination needs 'product', or 'provider' and 'tier'");
        }
        if (blank(d.product()) && blank(d.provider())) {
            throw new InvalidRequestException(
                    "destination.provider", "destination without 'product' needs a non-blank 'provider'");
        }
        noNulls(doc.user() == null ? null : doc.user().groups(), "user.groups");
        noNulls(doc.data() == null ? null : doc.data().labels(), "data.labels");
        PolicyRequest.User user = doc.user() == null
                ? null
                : new PolicyRequest.User(doc.user().id(), doc.user().groups());
        PolicyRequest.Data data = doc.data() == null
                ? null
                : new PolicyRequest.Data(
                        doc.data().classification(),
                        doc.data().content(),
                        doc.data().labels(),
                        doc.data().path());
        return new PolicyRequest(
                doc.id(),
                user,
                new PolicyRequest.Destination(
                        d.product(), d.provider(), d.tier(), d.trainingOptOut(), d.zeroDataRetention()),
                data,
                doc.purpose(),
                direction(doc.direction()),
                tuning(doc.tuning()));
    }

    /**
     * The request's tuning, validated like a pack's; entries a request may not bring at all (minimum confidences,
     * exclusions, opening selectors) are kept so that the engine refuses the request, rather than dropped.
     */
    private static DetectionTuning tuning(TuningDoc t) {
        if (t == null) {
            return null;
        }
        DetectionTuning.Builder b = DetectionTuning.builder();
        List<AllowDoc> allow = t.allow() == null ? List.of() : t.allow();
        for (int i = 0; i < allow.size(); i++) {
            AllowDoc a = allow.get(i);
            String path = "tuning.allow[" + i + "]";
            if (a == null || (a.values() == null && a.patterns() == null)) {
                throw new InvalidRequestException(path, "an allow entry needs 'values' or 'patterns'");
            }
            String type = a.type() == null ? "*" : a.type();
            List<String> values = a.values() == null ? List.of() : a.values();
            for (int v = 0; v < values.size(); v++) {
                try {
                    b.allowValue(type, values.get(v));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new InvalidRequestException(path + ".values[" + v + "]", "must be a non-empty string");
                }
            }
            List<String> patterns = a.patterns() == null ? List.of() : a.patterns();
            for (int p = 0; p < patterns.size(); p++) {
                try {
                    b.allowPattern(type, patterns.get(p));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new InvalidRequestException(path + ".patterns[" + p + "]", "not a valid RE2 pattern");
                }
            }
        }
        List<ContextDoc> context = t.context() == null ? List.of() : t.context();
        for (int i = 0; i < context.size(); i++) {
            ContextDoc c = context.get(i);
            String path = "tuning.context[" + i + "]";
            if (c == null || c.words() == null || c.confidence() == null) {
                throw new InvalidRequestException(path, "a context entry needs 'words' and 'confidence'");
            }
            try {
                b.contextWords(
                        c.type() == null ? "*" : c.type(),
                        c.words(),
                        c.confidence(),
                        c.window() == null ? 40 : c.window());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidRequestException(path, String.valueOf(e.getMessage()));
            }
        }
        if (t.minConfidence() != null && !t.minConfidence().isEmpty()) {
            b.minConfidence("*", 0);
        }
        if (t.exclude() != null && !t.exclude().isEmpty()) {
            b.exclude(List.of("**"), List.of(), List.of());
        }
        if (t.requestAllow() != null && !t.requestAllow().isEmpty()) {
            b.requestAllow("*");
        }
        return b.build();
    }

    /** {@code "request"} (the default when absent) or {@code "response"}. */
    private static Direction direction(String value) {
        if (value == null || value.equals("request")) {
            return Direction.REQUEST;
        }
        if (value.equals("response")) {
            return Direction.RESPONSE;
        }
        throw new InvalidRequestException(
                "direction", "invalid value for 'direction': expected one of [request, response]");
    }

    /** Writes request JSON in the contract's field order; absent fields are left out. */
    public static String write(PolicyRequest r) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Mappers.json().getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (r.id() != null) {
                g.writeStringField("id", r.id());
            }
            if (r.user().id() != null || !r.user().groups().isEmpty()) {
                g.writeObjectFieldStart("user");
                if (r.user().id() != null) {
                    g.writeStringField("id", r.user().id());
                }
                g.writeArrayFieldStart("groups");
                for (String group : r.user().groups()) {
                    g.writeString(group);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            PolicyRequest.Destination d = r.destination();
            g.writeObjectFieldStart("destination");
            optional(g, "product", d.product());
            optional(g, "provider", d.provider());
            if (d.tier() != null) {
                g.writeStringField("tier", d.tier().name());
            }
            if (d.trainingOptOut() != null) {
                g.writeBooleanField("trainingOptOut", d.trainingOptOut());
            }
            if (d.zeroDataRetention() != null) {
                g.writeBooleanField("zeroDataRetention", d.zeroDataRetention());
            }
            g.writeEndObject();
            PolicyRequest.Data data = r.data();
            g.writeObjectFieldStart("data");
            if (data.classification() != null) {
                g.writeStringField("classification", data.classification().name());
            }
            optional(g, "content", data.content());
            if (data.labels() != null) {
                g.writeArrayFieldStart("labels");
                for (String label : data.labels()) {
                    g.writeString(label);
                }
                g.writeEndArray();
            }
            optional(g, "path", data.path());
            g.writeEndObject();
            optional(g, "purpose", r.purpose());
            g.writeStringField("direction", r.direction().name().toLowerCase(Locale.ROOT));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void noNulls(List<String> list, String field) {
        if (list != null && list.contains(null)) {
            throw new InvalidRequestException(field, "invalid value for '" + field + "': null in a list of strings");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
