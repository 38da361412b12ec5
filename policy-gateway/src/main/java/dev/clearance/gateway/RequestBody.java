package dev.clearance.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A provider request body read into the tree the gateway decides, without making a tree of the history messages
 * it has already checked.
 *
 * <p>A turn of a chat resends every earlier message. With {@code history} (Chat Completions and Anthropic
 * Messages), each element of the top-level {@code messages} array after the first user message (the ones that
 * make the conversation's identity are always read) is first only delimited (not parsed, no string decoded);
 * once the conversation is known, {@link #resolve} looks each one up by its exact bytes in the checker's message
 * cache. A message found there (the same bytes, in the
 * same scope, every part allowed as it was) stays in the tree as its original bytes: it has no parts, is not
 * decided again, and is written back as it came if the request is re-serialised (a redaction elsewhere). Any other
 * message is parsed from its bytes as {@code readTree} would. The body as a whole is as strict as {@code
 * readTree} with the gateway's mapper (duplicate keys and trailing content refused): a known message's bytes are
 * those of one parsed strictly before.
 */
final class RequestBody {
    /** A message left as its bytes: written back verbatim when the tree is serialised. */
    static final class Raw implements JsonSerializable {
        private final byte[] body;
        private final int from;
        private final int to;

        Raw(byte[] body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeRawValue(new String(body, from, to - from, StandardCharsets.UTF_8));
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                throws IOException {
            serialize(gen, serializers);
        }

        @Override
        public String toString() {
            return "Raw[" + (to - from) + " bytes]"; // never the content
        }
    }

    /** A message of the array parsed from its bytes: its index and byte range. */
    private record Slot(int index, int from, int to) {}

    /** The messages still to look up, as (index, from, to) triples: no object per message. */
    private static final class Slots {
        static final Slots NONE = new Slots(0);

        int[] at;
        int size;

        Slots(int capacity) {
            at = new int[3 * capacity];
        }

        void add(int index, int from, int to) {
            if (3 * size + 3 > at.length) {
                at = java.util.Arrays.copyOf(at, Math.max(48, at.length * 2));
            }
            at[3 * size] = index;
            at[3 * size + 1] = from;
            at[3 * size + 2] = to;
            size++;
        }
    }

    final ObjectNode tree;
    private final byte[] body;
    private final ArrayNode messages;
    private final Slots slots;
    /** The messages parsed by {@link #resolve} (not found in the cache), with their byte ranges. */
    private final Map<JsonNode, Slot> parsed = new IdentityHashMap<>();

    private RequestBody(ObjectNode tree, byte[] body, ArrayNode messages, Slots slots) {
        this.tree = tree;
        this.body = body;
        this.messages = messages;
        this.slots = slots;
    }

    /**
     * Reads {@code body}; {@code history}: skip over the messages after the first user message (until {@link
     * #resolve}).
     *
     * <p>With {@code history} the body's outline (the top-level object, its keys, the {@code messages} array and
     * the punctuation between them) is read here, and every value in it is parsed by the gateway's mapper from its
     * own bytes, so it is as strict as {@code readTree}: a value that is not valid JSON, a duplicate key, anything
     * after the object, is refused. A skipped message is only delimited (its strings are run over eight bytes at a
     * time); {@link #resolve} then either finds its exact bytes among messages parsed before, or parses them.
     *
     * @throws BadRequest when the body is not a JSON object, or not valid JSON
     */
    static RequestBody read(byte[] body, boolean history) {
        return read(body, 0, body.length, history);
    }

    /** As {@link #read(byte[], boolean)} of the body {@code body[from, to)}. */
    static RequestBody read(byte[] body, int from, int to, boolean history) {
        int n = to;
        int i = history ? ws(body, from, n) : n;
        if (i >= n || body[i] != '{') {
            // not an object (or nothing, or a byte-order mark): the plain read says which
            return new RequestBody(plain(body, from, to), body, null, Slots.NONE);
        }
        ObjectNode root = Dialect.JSON.createObjectNode();
        ArrayNode messages = null;
        Slots slots = new Slots(16);
        java.util.Set<String> keys = new java.util.HashSet<>();
        i = ws(body, i + 1, n);
        if (i < n && body[i] == '}') {
            i++;
        } else {
            while (true) {
                if (i >= n || body[i] != '"') {
                    throw invalid();
                }
                int keyEnd = stringEnd(body, i, n);
                String key = plainString(body, i, keyEnd);
                if (key == null) {
                    key = parse(body, i, keyEnd).textValue();
                }
                if (!keys.add(key)) {
                    throw invalid(); // a duplicate key
                }
                i = ws(body, keyEnd, n);
                if (i >= n || body[i] != ':') {
                    throw invalid();
                }
                i = ws(body, i + 1, n);
                if (i < n && body[i] == '[' && "messages".equals(key)) {
                    messages = Dialect.JSON.createArrayNode();
                    i = messages(body, i, n, messages, slots);
                    root.set(key, messages);
                } else {
                    int end = valueEnd(body, i, n);
                    root.set(key, scalarOrParse(body, i, end));
                    i = end;
                }
                i = ws(body, i, n);
                if (i < n && body[i] == ',') {
                    i = ws(body, i + 1, n);
                } else if (i < n && body[i] == '}') {
                    i++;
                    break;
                } else {
                    throw invalid();
                }
            }
        }
        if (ws(body, i, n) != n) {
            throw invalid(); // something after the object
        }
        return new RequestBody(root, body, messages, slots);
    }

    /** The array at {@code body[i] == '['} into {@code out} (and {@code slots}); returns the index after it. */
    private static int messages(byte[] body, int i, int n, ArrayNode out, Slots slots) {
        boolean userSeen = false;
        i = ws(body, i + 1, n);
        if (i < n && body[i] == ']') {
            return i + 1;
        }
        while (true) {
            int end = valueEnd(body, i, n);
            if (userSeen && body[i] == '{') {
                slots.add(out.size(), i, end);
                out.add(NullNode.getInstance()); // until resolve
            } else {
                JsonNode m = parse(body, i, end);
                out.add(m);
                userSeen = userSeen || "user".equals(m.path("role").asText());
            }
            i = ws(body, end, n);
            if (i < n && body[i] == ',') {
                i = ws(body, i + 1, n);
            } else if (i < n && body[i] == ']') {
                return i + 1;
            } else {
                throw invalid();
            }
        }
    }

    private static BadRequest invalid() {
        return new BadRequest("the request body is not valid JSON");
    }

    /** The first index from {@code i} that is not JSON whitespace. */
    static int ws(byte[] b, int i, int n) {
        while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * The index after the value that starts at {@code b[i]}, by its outline only (strings, brackets); the value
     * itself is checked by whoever parses or compares its bytes.
     */
    static int valueEnd(byte[] b, int i, int n) {
        if (i >= n) {
            throw invalid();
        }
        byte c = b[i];
        if (c == '"') {
            return stringEnd(b, i, n);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            int j = i;
            while (j < n) {
                byte x = b[j];
                if (x == '"') {
                    j = stringEnd(b, j, n);
                    continue;
                }
                if (x == '{' || x == '[') {
                    depth++;
                } else if (x == '}' || x == ']') {
                    if (--depth == 0) {
                        return j + 1;
                    }
                }
                j++;
            }
            throw invalid();
        }
        int j = i;
        while (j < n
                && b[j] != ','
                && b[j] != '}'
                && b[j] != ']'
                && b[j] != ' '
                && b[j] != '\n'
                && b[j] != '\r'
                && b[j] != '\t') {
            j++;
        }
        if (j == i) {
            throw invalid();
        }
        return j;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    /** Bytes of {@code w} that are zero: their high bit set (exact for the lowest one). */
    private static long zeros(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    /** The index after the string whose opening quote is {@code b[i]}: eight bytes at a time to a quote or a backslash. */
    static int stringEnd(byte[] b, int i, int n) {
        int j = i + 1;
        while (true) {
            while (j + 8 <= n) {
                long w = (long) LONGS.get(b, j);
                long hits = zeros(w ^ QUOTES) | zeros(w ^ BACKSLASHES);
                if (hits != 0) {
                    j += Long.numberOfTrailingZeros(hits) >>> 3;
                    break;
                }
                j += 8;
            }
            while (j < n && b[j] != '"' && b[j] != '\\') {
                j++;
            }
            if (j >= n) {
                throw invalid();
            }
            if (b[j] == '"') {
                return j + 1;
            }
            j += 2; // an escape: the next byte is never the end
        }
    }

    /**
     * The string {@code b[from, to)} (its quotes included) when it is printable ASCII without an escape, which the
     * mapper reads as those chars; null for any other (the mapper then reads it, and refuses what it refuses).
     */
    static String plainString(byte[] b, int from, int to) {
        for (int j = from + 1; j < to - 1; j++) {
            byte c = b[j];
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return null;
            }
        }
        return new String(b, from + 1, to - from - 2, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /**
     * {@code body[from, to)} as {@link #parse} reads it, without a parser for the values most top-level keys have
     * (a plain string, {@code true}, {@code false}, {@code null}): the same nodes.
     */
    private static JsonNode scalarOrParse(byte[] body, int from, int to) {
        if (body[from] == '"') {
            String s = plainString(body, from, to);
            if (s != null) {
                return TextNode.valueOf(s);
            }
        } else if (java.util.Arrays.equals(body, from, to, TRUE, 0, TRUE.length)) {
            return BooleanNode.TRUE;
        } else if (java.util.Arrays.equals(body, from, to, FALSE, 0, FALSE.length)) {
            return BooleanNode.FALSE;
        } else if (java.util.Arrays.equals(body, from, to, NULL, 0, NULL.length)) {
            return NullNode.getInstance();
        }
        return parse(body, from, to);
    }

    /** {@code body[from, to)} parsed as one JSON value (strict: nothing after it). */
    private static JsonNode parse(byte[] body, int from, int to) {
        try {
            return Dialect.JSON.readTree(body, from, to - from);
        } catch (IOException e) {
            throw invalid();
        }
    }

    /** The whole body {@code body[from, to)} as one tree ({@code readTree}). */
    private static ObjectNode plain(byte[] body, int from, int to) {
        JsonNode parsed;
        try {
            parsed = Dialect.JSON.readTree(body, from, to - from);
        } catch (IOException e) {
            throw new BadRequest("the request body is not valid JSON");
        }
        if (!(parsed instanceof ObjectNode o)) {
            throw new BadRequest("the request body is not a JSON object");
        }
        return o;
    }

    /**
     * Looks each skipped message up in {@code checker}'s message cache under {@code scope}: a known one stays as
     * its bytes, any other is parsed into the tree. Returns how many parts the known ones have (cache hits).
     */
    int resolve(Checker checker, String scope) {
        int known = 0;
        int scopeHash = scope.hashCode();
        for (int k = 0; k < slots.size; k++) {
            int index = slots.at[3 * k];
            int from = slots.at[3 * k + 1];
            int to = slots.at[3 * k + 2];
            int parts = checker.knownMessage(scope, scopeHash, body, from, to);
            if (parts >= 0) {
                messages.set(index, Dialect.JSON.getNodeFactory().pojoNode(new Raw(body, from, to)));
                known += parts;
            } else {
                JsonNode m = parse(body, from, to);
                messages.set(index, m);
                parsed.put(m, new Slot(index, from, to));
            }
        }
        return known;
    }

    /** The messages {@link #resolve} parsed, to mark in {@link Parts#of(ObjectNode, Map)}: node → part range. */
    Map<JsonNode, int[]> marks() {
        if (parsed.isEmpty()) {
            return null;
        }
        Map<JsonNode, int[]> marks = new IdentityHashMap<>();
        for (JsonNode m : parsed.keySet()) {
            marks.put(m, new int[] {-1, -1});
        }
        return marks;
    }

    /**
     * Remembers in {@code checker} each parsed message whose every part came out allowed as it was ({@code
     * clean}, by part index; {@code marks}: the part range of each message).
     */
    void remember(Checker checker, String scope, Map<JsonNode, int[]> marks, boolean[] clean) {
        if (marks == null) {
            return;
        }
        int scopeHash = scope.hashCode();
        for (Map.Entry<JsonNode, Slot> e : parsed.entrySet()) {
            int[] range = marks.get(e.getKey());
            if (range == null || range[0] < 0) {
                continue;
            }
            boolean all = true;
            for (int i = range[0]; i < range[1] && all; i++) {
                all = clean[i];
            }
            if (all) {
                Slot s = e.getValue();
                checker.rememberMessage(scope, scopeHash, body, s.from, s.to, range[1] - range[0]);
            }
        }
    }
}
