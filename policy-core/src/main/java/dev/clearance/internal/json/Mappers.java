package dev.clearance.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.stream.Collectors;

/** The strict JSON and YAML mappers every Clearance format is read with. Internal. */
public final class Mappers {
    /** Deepest nesting accepted in any document. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper JSON = strict(JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build());

    private static final ObjectMapper YAML = strict(YAMLMapper.builder(YAMLFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build());

    private Mappers() {}

    public static ObjectMapper json() {
        return JSON;
    }

    public static ObjectMapper yaml() {
        return YAML;
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.getFactory().disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // "true" is not a boolean, 1 is not a string, "" is not an enum
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (LogicalType t : new LogicalType[] {
            LogicalType.Boolean, LogicalType.Textual, LogicalType.Enum, LogicalType.Integer, LogicalType.Float
        }) {
            mapper.coercionConfigFor(t)
                    .setCoercion(
                            CoercionInputShape.Integer,
                            t == LogicalType.Integer || t == LogicalType.Float
                                    ? CoercionAction.TryConvert
                                    : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.Float,
                            t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.Boolean,
                            t == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.String,
                            t == LogicalType.Textual || t == LogicalType.Enum
                                    ? CoercionAction.TryConvert
                                    : CoercionAction.Fail);
        }
        return mapper;
    }

    /** Dotted path of the field a mapping error is about, e.g. {@code data.classification}; "" for the root. */
    public static String fieldPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException jme)) {
            return "";
        }
        return joinPath(jme.getPath());
    }

    private static final java.util.regex.Pattern IDENTIFIER =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    /**
     * A field name as an error message may quote it. A field name is request content too (a pasted secret can end
     * up as a key): it is quoted only when it is an identifier in which the default detectors find nothing, else
     * it is shown as {@code ?}.
     */
    static String safeName(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            return "?";
        }
        return dev.clearance.ContentScanner.defaults().scan(name).isEmpty() ? name : "?";
    }

    /**
     * A one-line description of a parse or mapping error that never quotes the document: unknown field, bad enum
     * value (with the accepted values), wrong type, or a syntax error with line and column.
     */
    public static String describe(JsonProcessingException e) {
        String path = fieldPath(e);
        String at = path.isEmpty() ? "" : " '" + path + "'";
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path + "'" + known(u);
        }
        if (e instanceof InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            return "invalid value for" + at + ": expected one of "
                    + java.util.Arrays.toString(f.getTargetType().getEnumConstants());
        }
        if (e instanceof MismatchedInputException m) {
            String type = m.getTargetType() == null ? "value" : simpleType(m.getTargetType());
            return (path.isEmpty() ? "invalid document" : "invalid value for" + at) + ": expected " + type;
        }
        if (e instanceof JsonMappingException
                && e.getCause() instanceof RuntimeException cause
                && cause.getMessage() != null) {
            return cause.getMessage();
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return "malformed document" + where + ": "
                + e.getOriginalMessage()
                        .replaceAll("\\s*\\n.*", "")
                        .replaceAll("'[^']{4,}'", "'…'")
                        .replaceAll("\"[^\"]{4,}\"", "\"…\"");
    }

    /**
     * The field a request error is about. For an unknown field, the object holding it ({@code ""} for the top
     * level): the unknown name itself is request content and never repeated.
     */
    public static String requestFieldPath(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<JsonMappingException.Reference> path = u.getPath();
            return joinPath(path.subList(0, Math.max(0, path.size() - 1)));
        }
        return fieldPath(e);
    }

    /**
     * Like {@link #describe(JsonProcessingException)}, for request documents: an unknown field is described by
     * where it is and which fields are known there, never by its name.
     */
    public static String describeRequest(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = requestFieldPath(e);
            return (parent.isEmpty() ? "unknown field at the top level" : "unknown field in '" + parent + "'")
                    + known(u);
        }
        return describe(e);
    }

    private static String joinPath(List<JsonMappingException.Reference> path) {
        return path.stream()
                .map(r -> r.getFieldName() != null ? safeName(r.getFieldName()) : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String known(UnrecognizedPropertyException u) {
        if (u.getKnownPropertyIds() == null || u.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return " (known fields: "
                + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                + ")";
    }

    private static String simpleType(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }
}
