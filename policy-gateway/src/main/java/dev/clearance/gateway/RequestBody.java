package dev.clearance.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider request body read into the tree the gateway decides, without making a tree of the history messages
 * it has already checked.
 *
 * <p>A turn of a chat resends every earlier message. With {@code history} (Chat Completions and Anthropic
 * Messages), each element of the top-level {@code messages} array after the first user message (the ones that
 * make the conversation's identity are always read) is first only skipped over by the tokenizer (its strings are
 * not decoded, its keys are still checked for duplicates); once the conversation is known, {@link #resolve} looks
 * each one up by its exact bytes in the checker's message cache. A message found there (the same bytes, in the
 * same scope, every part allowed as it was) stays in the tree as its original bytes: it has no parts, is not
 * decided again, and is written back as it came if the request is re-serialised (a redaction elsewhere). Any other
 * message is parsed from its bytes as {@code readTree} would. The body as a whole is parsed as strictly as {@code
 * readTree} with the gateway's mapper does it (duplicate keys and trailing content refused).
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

    /** A message of the array still to look up, or parsed from its bytes: its index and byte range. */
    private record Slot(int index, int from, int to) {}

    final ObjectNode tree;
    private final byte[] body;
    private final ArrayNode messages;
    private final List<Slot> slots;
    /** The messages parsed by {@link #resolve} (not found in the cache), with their byte ranges. */
    private final Map<JsonNode, Slot> parsed = new IdentityHashMap<>();

    private RequestBody(ObjectNode tree, byte[] body, ArrayNode messages, List<Slot> slots) {
        this.tree = tree;
        this.body = body;
        this.messages = messages;
        this.slots = slots;
    }

    /**
     * Reads {@code body}; {@code history}: skip over the messages after the first user message (until {@link
     * #resolve}).
     *
     * @throws BadRequest when the body is not a JSON object, or not valid JSON
     */
    static RequestBody read(byte[] body, boolean history) {
        if (!history) {
            return new RequestBody(plain(body), body, null, List.of());
        }
        try (JsonParser p = Dialect.JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                // not an object (or nothing at all): the plain read says which
                return new RequestBody(plain(body), body, null, List.of());
            }
            ObjectNode root = Dialect.JSON.createObjectNode();
            ArrayNode messages = null;
            List<Slot> slots = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY && "messages".equals(name)) {
                    messages = Dialect.JSON.createArrayNode();
                    boolean userSeen = false;
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        if (e == null) {
                            throw new BadRequest("the request body is not valid JSON");
                        }
                        if (userSeen && e == JsonToken.START_OBJECT) {
                            int from = (int) p.currentTokenLocation().getByteOffset();
                            p.skipChildren();
                            int to = (int) p.currentLocation().getByteOffset();
                            slots.add(new Slot(messages.size(), from, to));
                            messages.add(NullNode.getInstance()); // until resolve
                        } else {
                            JsonNode m = value(p);
                            messages.add(m);
                            userSeen = userSeen || "user".equals(m.path("role").asText());
                        }
                    }
                    root.set(name, messages);
                } else {
                    root.set(name, value(p));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new BadRequest("the request body is not valid JSON");
            }
            return new RequestBody(root, body, messages, slots);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadRequest b) {
                throw b;
            }
            throw new BadRequest("the request body is not valid JSON");
        }
    }

    /** Reads one value of a larger document (the check for trailing content is the whole body's, at its end). */
    private static final com.fasterxml.jackson.databind.ObjectReader VALUE = Dialect.JSON
            .reader()
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static JsonNode value(JsonParser p) throws IOException {
        JsonNode n = VALUE.readTree(p);
        return n == null ? NullNode.getInstance() : n;
    }

    /** The whole body as one tree ({@code readTree}). */
    private static ObjectNode plain(byte[] body) {
        JsonNode parsed;
        try {
            parsed = Dialect.JSON.readTree(body);
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
        for (Slot s : slots) {
            int parts = checker.knownMessage(scope, scopeHash, body, s.from, s.to);
            if (parts >= 0) {
                messages.set(s.index, Dialect.JSON.getNodeFactory().pojoNode(new Raw(body, s.from, s.to)));
                known += parts;
            } else {
                JsonNode m;
                try {
                    m = Dialect.JSON.readTree(body, s.from, s.to - s.from);
                } catch (IOException e) {
                    throw new BadRequest("the request body is not valid JSON");
                }
                messages.set(s.index, m);
                parsed.put(m, s);
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
