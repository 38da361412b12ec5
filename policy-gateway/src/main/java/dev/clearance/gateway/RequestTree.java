package dev.clearance.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body into the same tree {@code Dialect.JSON.readTree} gives, with the same strictness (the
 * tokens come from the mapper's own parser: duplicate keys, trailing tokens, malformed JSON and bad UTF-8 are
 * refused as there), but a string made only of printable ASCII with no escape is made straight from its bytes
 * (one copy) instead of being decoded char by char and compressed again. A 40-turn conversation resends about
 * 60 KB of history on every turn, nearly all of it such strings; this halves what parsing it costs. Any other
 * string (an escape, a control char, a non-ASCII byte) is decoded by the parser as before.
 */
final class RequestTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestTree() {}

    /** The body's JSON value; throws {@link IOException} where {@code readTree} would. */
    static JsonNode read(byte[] body) throws IOException {
        try (JsonParser p = Dialect.JSON.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("no content");
            }
            JsonNode root = value(p, t, body);
            if (p.nextToken() != null) {
                throw new IOException("trailing tokens");
            }
            return root;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t, byte[] body) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken(), body));
                }
                return o;
            }
            case START_ARRAY: {
                com.fasterxml.jackson.databind.node.ArrayNode a = NODES.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    a.add(value(p, v, body));
                }
                return a;
            }
            case VALUE_STRING:
                return TextNode.valueOf(string(p, body));
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                switch (p.getNumberType()) {
                    case BIG_DECIMAL:
                        return NODES.numberNode(p.getDecimalValue());
                    case FLOAT:
                        return NODES.numberNode(p.getFloatValue());
                    default:
                        return NODES.numberNode(p.getDoubleValue());
                }
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected token");
        }
    }

    /**
     * The current string token's value: from its bytes when they are printable ASCII with no backslash between
     * the quote where the parser says the token starts and the next quote, and that quote is followed by what
     * may follow a value; else as the parser decodes it. (The parser still reads past the string itself and
     * refuses what is malformed.)
     */
    private static String string(JsonParser p, byte[] body) throws IOException {
        long at = p.currentTokenLocation().getByteOffset();
        if (at >= 0 && at < body.length && body[(int) at] == '"') {
            int from = (int) at + 1;
            int i = from;
            while (i < body.length) {
                byte b = body[i];
                if (b == '"') {
                    break;
                }
                if (b < 0x20 || b == '\\' || b == 0x7f) { // control, escape, or non-ASCII (bytes are signed)
                    return p.getText();
                }
                i++;
            }
            if (i < body.length && followsValue(body, i + 1)) {
                return new String(body, from, i - from, StandardCharsets.ISO_8859_1);
            }
        }
        return p.getText();
    }

    /** Whether the next non-blank byte from {@code i} is one that may follow a value ({@code , } ]} or the end). */
    private static boolean followsValue(byte[] body, int i) {
        while (i < body.length) {
            byte b = body[i];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                i++;
                continue;
            }
            return b == ',' || b == '}' || b == ']';
        }
        return true;
    }
}
