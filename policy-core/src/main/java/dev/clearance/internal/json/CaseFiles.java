package dev.clearance.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearance.Diagnostic;
import dev.clearance.Effect;
import dev.clearance.InvalidRequestException;
import dev.clearance.PolicyRequest;
import dev.clearance.Severity;
import dev.clearance.authoring.PolicyCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads case files. Every problem of a file is reported, each at the line and column of the YAML or JSON value (or
 * key) it is about. Messages never quote a request's values. Internal.
 */
public final class CaseFiles {
    private CaseFiles() {}

    record CaseDoc(String name, String description, JsonNode request, ExpectDoc expect) {}

    record ExpectDoc(Effect effect, List<String> reasons, Set<String> redactedTypes) {}

    private static final Set<String> FILE_FIELDS = Set.of("cases");

    /** What reading a case file gave: the cases when it is valid, else every problem. */
    public record Read(List<PolicyCase> cases, List<Diagnostic> problems) {
        public Read {
            cases = List.copyOf(cases);
            problems = List.copyOf(problems);
        }
    }

    /** Every case of {@code file}; throws naming every problem (one {@code file:line:col: error: …} a line). */
    public static List<PolicyCase> load(Path file) {
        Read r = read(file);
        if (!r.problems().isEmpty()) {
            Diagnostic first = r.problems().get(0);
            throw new InvalidRequestException(
                    first.ruleId() == null ? "" : first.ruleId(),
                    r.problems().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
        return r.cases();
    }

    /**
     * Reads {@code file} and checks all of it. The diagnostics' {@code ruleId} holds the dotted path of the field
     * each is about ({@code cases[1].expect.effect}); the resource is {@code file} as given.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Read read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? Mappers.json() : Mappers.yaml();
        Problems problems = new Problems(file.toString());
        Locations where = new Locations();
        JsonNode root;
        try {
            where.scan(mapper, bytes);
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(
                    "",
                    loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(),
                    Mappers.describe(e).replaceFirst(" at line \\d+, column \\d+", ""));
            return new Read(List.of(), problems.list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            problems.at(where, "", "", "a case file needs a 'cases' list");
            return new Read(List.of(), problems.list);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FILE_FIELDS.contains(field)) {
                problems.atKey(
                        where,
                        "/" + escape(field),
                        Mappers.safeName(field),
                        "unknown field '" + Mappers.safeName(field) + "' (known fields: cases)");
            }
        }
        JsonNode list = root.get("cases");
        if (list == null || !list.isArray()) {
            problems.at(where, list == null ? "" : "/cases", "cases", "a case file needs a 'cases' list");
            return new Read(List.of(), problems.list);
        }
        List<PolicyCase> cases = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            PolicyCase c = readCase(file, mapper, list.get(i), i, where, problems);
            if (c != null) {
                cases.add(c);
            }
        }
        return new Read(problems.list.isEmpty() ? cases : List.of(), problems.list);
    }

    private static PolicyCase readCase(
            Path file, ObjectMapper mapper, JsonNode node, int i, Locations where, Problems problems) {
        String path = "cases[" + i + "]";
        String pointer = "/cases/" + i;
        if (!node.isObject()) {
            problems.at(where, pointer, path, path + " must be an object with name, request and expect");
            return null;
        }
        // everything but the request through Jackson (its strictness, its messages), the request through RequestJson
        ObjectNode rest = ((ObjectNode) node).deepCopy();
        JsonNode requestNode = rest.remove("request");
        CaseDoc doc = null;
        try {
            doc = mapper.treeToValue(rest, CaseDoc.class);
        } catch (JsonMappingException e) {
            List<String> segments = segments(e.getPath());
            String p = pointer + segments.stream().map(s -> "/" + escape(s)).collect(Collectors.joining());
            String field = path + dotted(segments);
            String message = Mappers.describe(e);
            message = message.replace("'" + Mappers.fieldPath(e) + "'", "'" + field + "'");
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
                problems.atKey(where, p, field, message);
            } else {
                problems.at(where, p, field, message);
            }
        } catch (JsonProcessingException e) {
            problems.at(where, pointer, path, Mappers.describe(e));
        }
        String caseName = doc == null ? null : doc.name() != null ? doc.name() : doc.description();
        String label = caseName == null || caseName.isBlank() ? path : "case '" + caseName + "'";
        if (doc != null && (caseName == null || caseName.isBlank())) {
            problems.at(where, node.has("name") ? pointer + "/name" : pointer, path + ".name", path + " needs a name");
        }
        PolicyRequest request = null;
        if (requestNode == null || !requestNode.isObject()) {
            problems.at(
                    where,
                    requestNode == null ? pointer : pointer + "/request",
                    path + ".request",
                    label + " needs a request object");
        } else {
            try {
                request = RequestJson.read(requestNode.toString());
            } catch (InvalidRequestException e) {
                List<String> segments = segments(e.field());
                String p = pointer + "/request"
                        + segments.stream().map(s -> "/" + escape(s)).collect(Collectors.joining());
                problems.at(where, p, path + ".request" + dotted(segments), label + ": " + e.getMessage());
            }
        }
        if (doc != null && (doc.expect() == null || doc.expect().effect() == null)) {
            problems.at(
                    where,
                    doc.expect() == null ? pointer : pointer + "/expect",
                    path + ".expect.effect",
                    label + " needs expect.effect");
        }
        if (doc == null
                || request == null
                || caseName == null
                || caseName.isBlank()
                || doc.expect() == null
                || doc.expect().effect() == null) {
            return null;
        }
        return new PolicyCase(
                file.getFileName().toString(),
                caseName,
                request,
                new PolicyCase.Expectation(
                        doc.expect().effect(),
                        doc.expect().reasons(),
                        doc.expect().redactedTypes()));
    }

    private static List<String> segments(List<JsonMappingException.Reference> refs) {
        List<String> out = new ArrayList<>();
        for (JsonMappingException.Reference r : refs) {
            out.add(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
        }
        return out;
    }

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /** {@code data.findings[0].type} → [data, findings, 0, type]. */
    static List<String> segments(String dottedPath) {
        List<String> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(dottedPath);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    /** [expect, reasons, 0] → {@code .expect.reasons[0]}, names as {@link Mappers#safeName} shows them. */
    private static String dotted(List<String> segments) {
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                b.append('[').append(s).append(']');
            } else {
                b.append('.').append(Mappers.safeName(s));
            }
        }
        return b.toString();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /** Problems found so far, in document order of discovery. */
    private static final class Problems {
        final String resource;
        final List<Diagnostic> list = new ArrayList<>();

        Problems(String resource) {
            this.resource = resource;
        }

        void add(String field, int line, int column, String message) {
            list.add(new Diagnostic(Severity.ERROR, resource, line, column, field, message));
        }

        /** At the value of {@code pointer}, or of its nearest ancestor the document has. */
        void at(Locations where, String pointer, String field, String message) {
            int[] lc = where.valueAt(pointer);
            add(field, lc[0], lc[1], message);
        }

        /** At the key of {@code pointer} (an unknown field), else as {@link #at}. */
        void atKey(Locations where, String pointer, String field, String message) {
            int[] lc = where.keyAt(pointer);
            add(field, lc[0], lc[1], message);
        }
    }

    /** Line and column of every key and value of a document, by JSON pointer. */
    private static final class Locations {
        private final Map<String, int[]> values = new HashMap<>();
        private final Map<String, int[]> keys = new HashMap<>();

        void scan(ObjectMapper mapper, byte[] bytes) throws IOException {
            try (JsonParser p = mapper.getFactory().createParser(bytes)) {
                Deque<String> path = new ArrayDeque<>();
                Deque<int[]> index = new ArrayDeque<>(); // per open container: next array index, or -1 in an object
                Deque<Boolean> named = new ArrayDeque<>(); // per open container: whether it added to the path
                String pendingField = null;
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.FIELD_NAME) {
                        pendingField = p.currentName();
                        keys.put(pointer(path) + "/" + escape(pendingField), lc(p.currentTokenLocation()));
                        continue;
                    }
                    if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                        index.pop();
                        if (named.pop()) {
                            path.removeLast();
                        }
                        continue;
                    }
                    String self;
                    if (index.isEmpty()) {
                        self = null; // the root
                    } else if (index.peek()[0] < 0) {
                        self = escape(String.valueOf(pendingField));
                    } else {
                        self = String.valueOf(index.peek()[0]++);
                    }
                    if (self != null) {
                        path.addLast(self);
                    }
                    values.put(pointer(path), lc(p.currentTokenLocation()));
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        index.push(new int[] {t == JsonToken.START_OBJECT ? -1 : 0});
                        named.push(self != null);
                    } else if (self != null) {
                        path.removeLast();
                    }
                }
            }
        }

        private static String pointer(Deque<String> path) {
            return path.isEmpty() ? "" : "/" + String.join("/", path);
        }

        private static int[] lc(JsonLocation l) {
            return new int[] {l.getLineNr(), l.getColumnNr()};
        }

        int[] valueAt(String pointer) {
            return nearest(values, pointer);
        }

        int[] keyAt(String pointer) {
            int[] k = keys.get(pointer);
            return k != null ? k : nearest(values, pointer);
        }

        private int[] nearest(Map<String, int[]> map, String pointer) {
            String p = pointer;
            while (true) {
                int[] v = map.get(p);
                if (v != null) {
                    return v;
                }
                if (p.isEmpty()) {
                    return new int[] {1, 1};
                }
                p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
            }
        }
    }
}
