package dev.clearance.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.clearance.ResponseGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits a streamed answer event by event: every piece of text (per choice or content block, and per tool call)
 * goes through its own {@link ResponseGuard.Stream}, which emits only text already checked, with the
 * conversation's placeholders restored; what a stream held back is emitted when its choice or block ends.
 * Throws {@link dev.clearance.ResponseBlockedException} when the check cuts the stream and {@link Sse.Malformed}
 * when the upstream's events are not what the API sends.
 */
abstract class StreamEditor {
    /** One checked piece of a stream: {@link ResponseGuard.Stream}'s contract. */
    interface Piece {
        String push(String text);

        String finish();
    }

    /** Makes the pieces of one answer: plain text, or JSON text (tool-call arguments) restored JSON-escaped. */
    interface Pieces {
        Piece text();

        Piece json();

        /** Pieces over {@code guard}'s streams for {@code sent}, restoring {@code conversation}'s placeholders. */
        static Pieces of(
                ResponseGuard guard, dev.clearance.PolicyRequest sent, dev.clearance.Conversation conversation) {
            return new Pieces() {
                @Override
                public Piece text() {
                    ResponseGuard.Stream s = guard.stream(sent, conversation);
                    return new Piece() {
                        @Override
                        public String push(String text) {
                            return s.push(text);
                        }

                        @Override
                        public String finish() {
                            return s.finish();
                        }
                    };
                }

                @Override
                public Piece json() {
                    ResponseGuard.Stream s = guard.stream(sent, null); // checked here, restored escaped below
                    JsonRestorer r = new JsonRestorer(conversation);
                    return new Piece() {
                        @Override
                        public String push(String text) {
                            return r.push(s.push(text));
                        }

                        @Override
                        public String finish() {
                            String rest = s.finish();
                            return r.push(rest) + r.finish();
                        }
                    };
                }
            };
        }
    }

    private final Pieces pieces;
    private final Map<String, Piece> open = new LinkedHashMap<>();
    boolean ended;

    StreamEditor(Pieces pieces) {
        this.pieces = pieces;
    }

    static StreamEditor of(Dialect dialect, Dialect.Endpoint endpoint, Pieces pieces) {
        if (endpoint == Dialect.Endpoint.RESPONSES) {
            return new ResponsesStream(pieces);
        }
        return dialect.api == GatewayConfig.Api.OPENAI ? new OpenAiChat(pieces) : new AnthropicMessages(pieces);
    }

    /** The events to send for {@code event}, in order. */
    abstract List<Sse.Event> edit(Sse.Event event);

    /** The error event that cuts this stream, in the API's shape. */
    abstract String streamError(String code, String message);

    /** Whether the upstream ended the stream properly (otherwise the caller gets an error). */
    boolean ended() {
        return ended;
    }

    String push(String key, String text) {
        return open.computeIfAbsent(key, k -> pieces.text()).push(text);
    }

    /** Like {@link #push(String, String)} for JSON text: restored values are JSON-escaped. */
    String pushJson(String key, String text) {
        return open.computeIfAbsent(key, k -> pieces.json()).push(text);
    }

    boolean isOpen(String key) {
        return open.containsKey(key);
    }

    /** A whole text seen once (no deltas): checked and restored. */
    String whole(String text, boolean json) {
        Piece p = json ? pieces.json() : pieces.text();
        return p.push(text) + p.finish();
    }

    /** Ends the stream {@code key}: what it held back, checked. */
    String finish(String key) {
        Piece s = open.remove(key);
        return s == null ? "" : s.finish();
    }

    List<String> openKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String k : open.keySet()) {
            if (k.startsWith(prefix)) {
                keys.add(k);
            }
        }
        return keys;
    }

    static ObjectNode parse(String data) {
        try {
            JsonNode n = Dialect.JSON.readTree(data);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (JsonProcessingException e) {
            // below
        }
        throw new Sse.Malformed("an upstream stream event is not a JSON object");
    }

    /** OpenAI Chat Completions chunks ({@code data: {...}} and {@code data: [DONE]}). */
    static final class OpenAiChat extends StreamEditor {
        /** The last chunk read (its fields other than the choices and usage are those of a chunk {@link #rest} makes). */
        private ObjectNode last = Dialect.JSON.createObjectNode();

        /** The delta fields whose text is checked. */
        private static final List<String> TEXT_FIELDS = List.of("content", "refusal", "reasoning_content");

        OpenAiChat(Pieces pieces) {
            super(pieces);
        }

        @Override
        String streamError(String code, String message) {
            return Dialect.OpenAi.INSTANCE.streamError(code, message);
        }

        @Override
        List<Sse.Event> edit(Sse.Event event) {
            List<Sse.Event> out = new ArrayList<>();
            if (event.data() == null) {
                return out;
            }
            if ("[DONE]".equals(event.data().strip())) {
                for (String key : openKeys("")) {
                    out.add(rest(key, finish(key)));
                }
                ended = true;
                out.add(event);
                return out;
            }
            ObjectNode chunk = parse(event.data());
            if (chunk.has("error")) {
                out.add(event);
                return out;
            }
            last = chunk; // only its choices are edited below: a chunk made by rest copies its other fields
            JsonNode choices = chunk.get("choices");
            if (choices != null && !choices.isArray()) {
                throw new Sse.Malformed("choices is not a list");
            }
            List<Sse.Event> before = new ArrayList<>();
            if (choices != null) {
                for (JsonNode c : choices) {
                    if (!(c instanceof ObjectNode choice)) {
                        throw new Sse.Malformed("a choice is not an object");
                    }
                    int k = choice.path("index").asInt(0);
                    if (choice.get("delta") instanceof ObjectNode delta) {
                        editDelta(k, delta);
                    }
                    JsonNode finish = choice.get("finish_reason");
                    if (finish != null && !finish.isNull()) {
                        for (String key : openKeys(k + "/")) {
                            before.add(rest(key, finish(key)));
                        }
                    }
                }
            }
            out.addAll(before);
            out.add(Sse.Event.data(event.name(), chunk.toString()));
            return out;
        }

        private void editDelta(int k, ObjectNode delta) {
            for (String field : TEXT_FIELDS) {
                JsonNode v = delta.get(field);
                if (v != null && v.isTextual()) {
                    delta.set(field, TextNode.valueOf(push(k + "/" + field, v.asText())));
                }
            }
            JsonNode calls = delta.get("tool_calls");
            if (calls != null && calls.isArray()) {
                for (JsonNode call : calls) {
                    int j = call.path("index").asInt(0);
                    if (call.get("function") instanceof ObjectNode fn
                            && fn.get("arguments") != null
                            && fn.get("arguments").isTextual()) {
                        fn.set(
                                "arguments",
                                TextNode.valueOf(pushJson(
                                        k + "/tool/" + j, fn.get("arguments").asText())));
                    }
                }
            }
        }

        /** A chunk carrying what the stream {@code key} held back. */
        private Sse.Event rest(String key, String text) {
            ObjectNode chunk = Dialect.JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> f : last.properties()) {
                if (!f.getKey().equals("choices") && !f.getKey().equals("usage")) {
                    chunk.set(f.getKey(), f.getValue().deepCopy());
                }
            }
            ArrayNode choices = chunk.putArray("choices");
            String[] p = key.split("/");
            ObjectNode choice = choices.addObject();
            choice.put("index", Integer.parseInt(p[0]));
            ObjectNode delta = choice.putObject("delta");
            if ("tool".equals(p[1])) {
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", Integer.parseInt(p[2]));
                call.putObject("function").put("arguments", text);
            } else {
                delta.put(p[1], text);
            }
            choice.putNull("finish_reason");
            return Sse.Event.data(null, chunk.toString());
        }
    }

    /** Anthropic Messages events ({@code message_start}, {@code content_block_*}, {@code message_stop}, …). */
    static final class AnthropicMessages extends StreamEditor {
        /** Per open content block: the delta type and the field its text is in. */
        private final Map<Integer, String[]> kinds = new LinkedHashMap<>();

        AnthropicMessages(Pieces pieces) {
            super(pieces);
        }

        @Override
        String streamError(String code, String message) {
            return Dialect.Anthropic.INSTANCE.streamError(code, message);
        }

        @Override
        List<Sse.Event> edit(Sse.Event event) {
            List<Sse.Event> out = new ArrayList<>();
            if (event.data() == null) {
                return out;
            }
            ObjectNode data = parse(event.data());
            String type = data.path("type").asText("");
            switch (type) {
                case "content_block_start" -> {
                    int i = data.path("index").asInt(0);
                    if (data.get("content_block") instanceof ObjectNode block) {
                        String blockType = block.path("type").asText("");
                        String[] kind = switch (blockType) {
                            case "text" -> new String[] {"text_delta", "text"};
                            case "thinking" -> new String[] {"thinking_delta", "thinking"};
                            case "tool_use", "server_tool_use" -> new String[] {"input_json_delta", "partial_json"};
                            default -> null;
                        };
                        if (kind == null && !"redacted_thinking".equals(blockType)) {
                            throw new Sse.Malformed("a content block of a type the gateway cannot check");
                        }
                        if (kind != null) {
                            kinds.put(i, kind);
                            JsonNode initial = block.get(kind[1].equals("partial_json") ? "none" : kind[1]);
                            if (initial != null
                                    && initial.isTextual()
                                    && !initial.asText().isEmpty()) {
                                block.set(kind[1], TextNode.valueOf(push(key(i), initial.asText())));
                            }
                        }
                    }
                }
                case "content_block_delta" -> {
                    int i = data.path("index").asInt(0);
                    if (data.get("delta") instanceof ObjectNode delta) {
                        String deltaType = delta.path("type").asText("");
                        String field = switch (deltaType) {
                            case "text_delta" -> "text";
                            case "thinking_delta" -> "thinking";
                            case "input_json_delta" -> "partial_json";
                            case "signature_delta" -> null;
                            default -> throw new Sse.Malformed("a content delta of a type the gateway cannot check");
                        };
                        if (field != null
                                && delta.get(field) != null
                                && delta.get(field).isTextual()) {
                            String text = delta.get(field).asText();
                            delta.set(
                                    field,
                                    TextNode.valueOf(
                                            "partial_json".equals(field)
                                                    ? pushJson(key(i), text)
                                                    : push(key(i), text)));
                        }
                    }
                }
                case "content_block_stop" -> {
                    int i = data.path("index").asInt(0);
                    String rest = finish(key(i));
                    String[] kind = kinds.remove(i);
                    if (!rest.isEmpty() && kind != null) {
                        ObjectNode d = Dialect.JSON.createObjectNode();
                        d.put("type", "content_block_delta");
                        d.put("index", i);
                        d.putObject("delta").put("type", kind[0]).put(kind[1], rest);
                        out.add(Sse.Event.data("content_block_delta", d.toString()));
                    }
                }
                case "message_stop" -> ended = true;
                case "message_start" -> {
                    JsonNode content = data.path("message").path("content");
                    if (content.isArray() && !content.isEmpty()) {
                        throw new Sse.Malformed("message_start carries content");
                    }
                }
                case "message_delta", "ping", "error" -> {
                    // no model text in these (message_start's content is empty)
                }
                default -> throw new Sse.Malformed("an upstream event of a type the gateway does not know");
            }
            out.add(new Sse.Event(event.name(), data.toString(), event.otherFields()));
            return out;
        }

        private static String key(int index) {
            return index + "/block";
        }
    }
}
