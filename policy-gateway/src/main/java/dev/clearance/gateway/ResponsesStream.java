package dev.clearance.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI Responses API events ({@code response.created}, {@code response.output_text.delta}, {@code
 * response.function_call_arguments.delta}, …, {@code response.completed}). Every delta of model text goes through
 * the piece of its output item and content index; the {@code *.done} events, {@code output_item.done} and the
 * final {@code response.completed} carry the whole texts again, and get exactly what was emitted for them (a piece
 * still open is finished first, its rest sent as one more delta). Events are renumbered ({@code sequence_number})
 * since the gateway may add deltas. A delta event of a type the gateway does not know cuts the stream; any other
 * unknown event has each of its strings checked whole.
 */
final class ResponsesStream extends StreamEditor {
    /** Events with no model text: passed on as they came. */
    private static final Set<String> PLAIN = Set.of(
            "error",
            "response.audio.delta",
            "response.audio.done",
            "response.image_generation_call.partial_image",
            "response.image_generation_call.in_progress",
            "response.image_generation_call.generating",
            "response.image_generation_call.completed",
            "response.web_search_call.in_progress",
            "response.web_search_call.searching",
            "response.web_search_call.completed",
            "response.file_search_call.in_progress",
            "response.file_search_call.searching",
            "response.file_search_call.completed",
            "response.code_interpreter_call.in_progress",
            "response.code_interpreter_call.interpreting",
            "response.code_interpreter_call.completed",
            "response.mcp_call.in_progress",
            "response.mcp_call.completed",
            "response.mcp_call.failed",
            "response.mcp_list_tools.in_progress",
            "response.mcp_list_tools.completed",
            "response.mcp_list_tools.failed");

    /** A delta event's type → the field of the whole text in its done event, the piece kind, JSON or not. */
    private record Kind(String deltaType, String doneType, String doneField, boolean json) {}

    private static final Map<String, Kind> DELTAS = new HashMap<>();

    static {
        for (Kind k : List.of(
                new Kind("response.output_text.delta", "response.output_text.done", "text", false),
                new Kind("response.refusal.delta", "response.refusal.done", "refusal", false),
                new Kind(
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.done",
                        "arguments",
                        true),
                new Kind("response.mcp_call_arguments.delta", "response.mcp_call_arguments.done", "arguments", true),
                new Kind(
                        "response.custom_tool_call_input.delta",
                        "response.custom_tool_call_input.done",
                        "input",
                        false),
                new Kind(
                        "response.code_interpreter_call_code.delta",
                        "response.code_interpreter_call_code.done",
                        "code",
                        false),
                new Kind(
                        "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done", "text", false),
                new Kind("response.reasoning_text.delta", "response.reasoning_text.done", "text", false),
                new Kind("response.audio.transcript.delta", "response.audio.transcript.done", null, false))) {
            DELTAS.put(k.deltaType(), k);
        }
    }

    private static final Map<String, Kind> DONES = new HashMap<>();

    static {
        for (Kind k : DELTAS.values()) {
            DONES.put(k.doneType(), k);
        }
    }

    /** What was emitted per piece key, for the events that repeat the whole text. */
    private final Map<String, StringBuilder> emitted = new HashMap<>();
    /** The first delta event per piece key, the template of a delta the gateway adds. */
    private final Map<String, ObjectNode> templates = new HashMap<>();

    private int sequence;

    ResponsesStream(Pieces pieces) {
        super(pieces);
    }

    @Override
    String streamError(String code, String message) {
        ObjectNode e = Dialect.JSON.createObjectNode();
        e.put("type", "error");
        e.put("code", code);
        e.put("message", message);
        e.putNull("param");
        e.put("sequence_number", sequence++);
        // a top-level "error" object too: what the OpenAI SDKs raise on in a stream
        ObjectNode inner = e.putObject("error");
        inner.put("message", message);
        inner.put("type", "permission_error");
        inner.putNull("param");
        inner.put("code", code);
        return Sse.Event.data("error", e.toString()).render();
    }

    @Override
    List<Sse.Event> edit(Sse.Event event) {
        List<Sse.Event> out = new ArrayList<>();
        if (event.data() == null) {
            return out;
        }
        if ("[DONE]".equals(event.data().strip())) {
            out.add(event);
            return out;
        }
        ObjectNode data = parse(event.data());
        String type = data.path("type").asText("");
        Kind delta = DELTAS.get(type);
        Kind done = DONES.get(type);
        if (delta != null) {
            String key = key(data, delta);
            JsonNode d = data.get("delta");
            if (d != null && d.isTextual()) {
                templates.computeIfAbsent(key, k -> data.deepCopy());
                String text = delta.json() ? pushJson(key, d.asText()) : push(key, d.asText());
                emitted(key).append(text);
                data.set("delta", TextNode.valueOf(text));
            } else if (d != null && !d.isNull()) {
                throw new Sse.Malformed("a delta that is not text");
            }
        } else if (done != null) {
            String key = key(data, done);
            if (done.doneField() != null) {
                replaceWhole(data, done.doneField(), key, done.json(), out);
            } else {
                flush(key, out);
            }
        } else {
            switch (type) {
                case "response.created",
                        "response.in_progress",
                        "response.queued",
                        "response.completed",
                        "response.incomplete",
                        "response.failed" -> {
                    if (data.get("response") instanceof ObjectNode response
                            && response.get("output") instanceof ArrayNode output) {
                        for (int i = 0; i < output.size(); i++) {
                            if (output.get(i) instanceof ObjectNode item) {
                                item(i, item, out);
                            }
                        }
                    }
                    if (!type.equals("response.created")
                            && !type.equals("response.in_progress")
                            && !type.equals("response.queued")) {
                        ended = true;
                    }
                }
                case "response.output_item.added", "response.output_item.done" -> {
                    if (data.get("item") instanceof ObjectNode item) {
                        item(data.path("output_index").asInt(0), item, out);
                    }
                }
                case "response.content_part.added", "response.content_part.done" -> {
                    if (data.get("part") instanceof ObjectNode part) {
                        String field = "refusal".equals(part.path("type").asText()) ? "refusal" : "text";
                        String key = data.path("output_index").asInt(0) + "/"
                                + data.path("content_index").asInt(0);
                        replaceWhole(part, field, key, false, out);
                    }
                }
                case "response.reasoning_summary_part.added", "response.reasoning_summary_part.done" -> {
                    if (data.get("part") instanceof ObjectNode part) {
                        String key = data.path("output_index").asInt(0) + "/summary/"
                                + data.path("summary_index").asInt(0);
                        replaceWhole(part, "text", key, false, out);
                    }
                }
                default -> {
                    if (!PLAIN.contains(type)) {
                        if (type.endsWith(".delta")) {
                            throw new Sse.Malformed("a delta event of a type the gateway cannot check");
                        }
                        for (Parts.Part p : Parts.of(data)) {
                            if (!p.isAttachment()) {
                                p.replace().replace(whole(p.text(), false));
                            }
                        }
                    }
                }
            }
        }
        out.add(renumber(new Sse.Event(event.name(), null, event.otherFields()), data));
        return out;
    }

    /** The texts of one output item, made what was emitted for them (or checked whole when nothing was). */
    private void item(int i, ObjectNode item, List<Sse.Event> out) {
        String type = item.path("type").asText("");
        switch (type) {
            case "message" -> {
                JsonNode content = item.get("content");
                if (content != null && content.isArray()) {
                    for (int j = 0; j < content.size(); j++) {
                        if (content.get(j) instanceof ObjectNode part) {
                            String field = "refusal".equals(part.path("type").asText()) ? "refusal" : "text";
                            replaceWhole(part, field, i + "/" + j, false, out);
                            if (part.get("annotations") instanceof ArrayNode annotations) {
                                for (JsonNode a : annotations) {
                                    if (a instanceof ObjectNode o) {
                                        checkAll(o);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            case "function_call", "mcp_call" -> {
                replaceWhole(item, "arguments", i + "/arguments", true, out);
                if ("mcp_call".equals(type)) {
                    for (String f : List.of("output", "error")) {
                        JsonNode v = item.get(f);
                        if (v != null && v.isTextual() && !v.asText().isEmpty()) {
                            item.set(f, TextNode.valueOf(whole(v.asText(), false)));
                        }
                    }
                }
            }
            case "custom_tool_call" -> replaceWhole(item, "input", i + "/input", false, out);
            case "code_interpreter_call" -> replaceWhole(item, "code", i + "/code", false, out);
            case "reasoning" -> {
                eachText(item.get("summary"), i + "/summary/", out);
                eachText(item.get("content"), i + "/reasoning/", out);
            }
            default -> checkAll(item);
        }
    }

    private void eachText(JsonNode list, String prefix, List<Sse.Event> out) {
        if (list != null && list.isArray()) {
            for (int j = 0; j < list.size(); j++) {
                if (list.get(j) instanceof ObjectNode part) {
                    replaceWhole(part, "text", prefix + j, false, out);
                }
            }
        }
    }

    private void checkAll(ObjectNode node) {
        for (Parts.Part p : Parts.of(node)) {
            if (!p.isAttachment()) {
                p.replace().replace(whole(p.text(), false));
            }
        }
    }

    /**
     * Sets {@code node.field} (a whole text) to what was emitted for {@code key}: an open piece is finished first
     * (its rest sent as a delta before this event); a text never streamed is checked whole.
     */
    private void replaceWhole(ObjectNode node, String field, String key, boolean json, List<Sse.Event> out) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            flush(key, out);
            return;
        }
        flush(key, out);
        StringBuilder sent = emitted.get(key);
        if (sent != null) {
            node.set(field, TextNode.valueOf(sent.toString()));
        } else if (!v.asText().isEmpty()) {
            String text = whole(v.asText(), json);
            emitted(key).append(text);
            node.set(field, TextNode.valueOf(text));
        }
    }

    /** Finishes the piece {@code key} if open, sending its rest as one more delta. */
    private void flush(String key, List<Sse.Event> out) {
        if (!isOpen(key)) {
            return;
        }
        String rest = finish(key);
        if (rest.isEmpty()) {
            return;
        }
        emitted(key).append(rest);
        ObjectNode d = templates.get(key).deepCopy();
        d.put("delta", rest);
        d.remove("logprobs");
        if (d.has("obfuscation")) {
            d.remove("obfuscation");
        }
        if (d.path("type").asText().equals("response.output_text.delta")) {
            d.putArray("logprobs");
        }
        out.add(renumber(Sse.Event.data(d.path("type").asText(), null), d));
    }

    private StringBuilder emitted(String key) {
        return emitted.computeIfAbsent(key, k -> new StringBuilder());
    }

    private Sse.Event renumber(Sse.Event event, ObjectNode data) {
        if (data.has("sequence_number")) {
            data.put("sequence_number", sequence++);
        }
        return new Sse.Event(event.name(), data.toString(), event.otherFields());
    }

    /** The piece an event's text belongs to: output item, and content/summary index or kind. */
    private static String key(ObjectNode data, Kind kind) {
        int i = data.path("output_index").asInt(0);
        return switch (kind.deltaType()) {
            case "response.output_text.delta", "response.refusal.delta" ->
                i + "/" + data.path("content_index").asInt(0);
            case "response.function_call_arguments.delta", "response.mcp_call_arguments.delta" -> i + "/arguments";
            case "response.custom_tool_call_input.delta" -> i + "/input";
            case "response.code_interpreter_call_code.delta" -> i + "/code";
            case "response.reasoning_summary_text.delta" ->
                i + "/summary/" + data.path("summary_index").asInt(0);
            case "response.reasoning_text.delta" ->
                i + "/reasoning/" + data.path("content_index").asInt(0);
            default -> "transcript";
        };
    }
}
