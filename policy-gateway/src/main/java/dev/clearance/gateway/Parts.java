package dev.clearance.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds every piece of a provider request that would reach the model: each string anywhere in the JSON tree (the
 * system or developer prompt, every message, content parts, tool results, tool definitions and their schemas,
 * metadata, unknown fields alike), except the few structural fields listed in {@link #STRUCTURAL}, and each
 * image, audio or file part (whose content cannot be scanned). Parts are edited in place, so the rest of the tree,
 * unknown fields included, is forwarded as it came.
 */
final class Parts {
    /** Fields whose strings only steer the API (identifiers, enums); never model input. */
    static final Set<String> STRUCTURAL = Set.of(
            "model",
            "role",
            "type",
            "id",
            "tool_call_id",
            "tool_use_id",
            "detail",
            "format",
            "media_type",
            "reasoning_effort",
            "service_tier",
            "encoding_format",
            "finish_reason",
            "stop_reason",
            "tool_choice",
            "modalities",
            "voice",
            "signature",
            "encrypted_content",
            "call_id",
            "item_id",
            "status",
            "object",
            "previous_response_id",
            "truncation");

    /** Fields whose string is JSON text (tool-call arguments): restored values are JSON-escaped in them. */
    static final Set<String> JSON_TEXT = Set.of("arguments");

    /** Content-part types whose payload is not text: decided as attachments. */
    static final Map<String, String> ATTACHMENT_TYPES = Map.of(
            "image_url", "image",
            "input_image", "image",
            "image", "image",
            "input_audio", "audio",
            "file", "file",
            "input_file", "file",
            "document", "file");

    /**
     * One string to check, or one attachment; {@code replace} writes a redacted string back into the tree; {@code
     * json}: the string is JSON text itself (a tool call's arguments).
     */
    record Part(String text, String attachment, Replacer replace, boolean json) {
        Part(String text, String attachment, Replacer replace) {
            this(text, attachment, replace, false);
        }

        boolean isAttachment() {
            return attachment != null;
        }
    }

    @FunctionalInterface
    interface Replacer {
        void replace(String text);
    }

    private Parts() {}

    /** Every part of {@code body} in document order. */
    static List<Part> of(ObjectNode body) {
        return of(body, null);
    }

    /**
     * Every part of {@code body} in document order; for each node of {@code marks} (by identity), the range of
     * indexes of its parts in the list is written into its array ({@code [from, to)}).
     */
    static List<Part> of(ObjectNode body, Map<JsonNode, int[]> marks) {
        List<Part> out = new ArrayList<>();
        walk(body, out, 0, marks);
        return out;
    }

    private static void walk(JsonNode node, List<Part> out, int depth, Map<JsonNode, int[]> marks) {
        int[] mark = marks == null ? null : marks.get(node);
        if (mark != null) {
            mark[0] = out.size();
        }
        walkNode(node, out, depth, marks);
        if (mark != null) {
            mark[1] = out.size();
        }
    }

    private static void walkNode(JsonNode node, List<Part> out, int depth, Map<JsonNode, int[]> marks) {
        if (depth > 64) {
            throw new BadRequest("the request nests deeper than 64 levels");
        }
        if (node instanceof ObjectNode obj) {
            JsonNode type = obj.get("type");
            if (type != null && type.isTextual() && ATTACHMENT_TYPES.containsKey(type.asText())) {
                out.add(new Part(null, ATTACHMENT_TYPES.get(type.asText()), text -> {}));
                return;
            }
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                JsonNode v = e.getValue();
                String key = e.getKey();
                if (v.isTextual()) {
                    if (!STRUCTURAL.contains(key) && !v.asText().isEmpty()) {
                        out.add(new Part(
                                v.asText(),
                                null,
                                text -> obj.set(key, TextNode.valueOf(text)),
                                JSON_TEXT.contains(key)));
                    }
                } else if (!STRUCTURAL.contains(key) || v.isContainerNode()) {
                    walk(v, out, depth + 1, marks);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode v = arr.get(i);
                if (v.isTextual()) {
                    int at = i;
                    if (!v.asText().isEmpty()) {
                        out.add(new Part(v.asText(), null, text -> arr.set(at, TextNode.valueOf(text))));
                    }
                } else {
                    walk(v, out, depth + 1, marks);
                }
            }
        }
    }
}
