package dev.clearance.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What differs between the provider APIs: which parts of a request start a conversation, the error shape. */
abstract class Dialect {
    /**
     * Strict: a duplicate key or anything after the top-level value is an error. An allowed request (and an
     * answer the check left as it was) is forwarded as its bytes came, so the bytes must mean to the receiver what
     * they meant here: a second {@code "content"} key the receiver might read instead of the checked one, or a
     * second JSON document, is refused rather than passed.
     */
    static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Which endpoint of the API: decides how the answer is read. */
    enum Endpoint {
        CHAT_COMPLETIONS,
        MESSAGES,
        EMBEDDINGS,
        RESPONSES,
        /** {@code GET /v1/responses/{id}/input_items}: a list of the input items the provider stored. */
        RESPONSE_INPUT_ITEMS
    }

    /** What a request to a stored response ({@code /v1/responses/{id}…}) does. */
    enum Action {
        /** {@code GET /v1/responses/{id}}: the response (background mode polls it). */
        RETRIEVE("GET", Endpoint.RESPONSES),
        /** {@code POST /v1/responses/{id}/cancel}: a background response cancelled; answers the response. */
        CANCEL("POST", Endpoint.RESPONSES),
        /** {@code DELETE /v1/responses/{id}}. */
        DELETE("DELETE", Endpoint.RESPONSES),
        /** {@code GET /v1/responses/{id}/input_items}. */
        INPUT_ITEMS("GET", Endpoint.RESPONSE_INPUT_ITEMS);

        final String method;
        final Endpoint answer;

        Action(String method, Endpoint answer) {
            this.method = method;
            this.answer = answer;
        }
    }

    /** A request about a stored response: its id and what is done with it. */
    record Stored(String id, Action action) {}

    /**
     * The stored-response request at {@code path} with {@code method}, or null when it is not one (OpenAI
     * Responses API only; an id that is not a short token is not one either).
     */
    Stored stored(String path, String method) {
        return null;
    }

    final GatewayConfig.Api api;

    Dialect(GatewayConfig.Api api) {
        this.api = api;
    }

    static Dialect of(GatewayConfig.Api api) {
        return api == GatewayConfig.Api.OPENAI ? OpenAi.INSTANCE : Anthropic.INSTANCE;
    }

    /** The endpoint at {@code path} (the route prefix removed), or null when the gateway does not serve it. */
    abstract Endpoint endpoint(String path);

    /** The error body in the provider's own shape. */
    abstract byte[] error(int status, String code, String message);

    /** The error as a stream event, sent when a stream must be cut after it started. */
    abstract String streamError(String code, String message);

    /**
     * The messages that open the conversation (system prompt and the first user message), as one JSON array whose
     * text is the same on every turn of one conversation, so it identifies it when no header does.
     */
    abstract JsonNode conversationSeed(ObjectNode body);

    /** The strings of a whole (non-streamed) answer that reach the caller, to check and restore. */
    abstract List<Parts.Part> answerParts(ObjectNode answer, Endpoint endpoint);

    static boolean streaming(ObjectNode body) {
        JsonNode s = body.get("stream");
        return s != null && s.isBoolean() && s.booleanValue();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static final class OpenAi extends Dialect {
        static final OpenAi INSTANCE = new OpenAi();

        private OpenAi() {
            super(GatewayConfig.Api.OPENAI);
        }

        @Override
        Endpoint endpoint(String path) {
            return switch (path) {
                case "/v1/chat/completions", "/chat/completions" -> Endpoint.CHAT_COMPLETIONS;
                case "/v1/embeddings", "/embeddings" -> Endpoint.EMBEDDINGS;
                case "/v1/responses", "/responses" -> Endpoint.RESPONSES;
                default -> null;
            };
        }

        @Override
        Stored stored(String path, String method) {
            String rest;
            if (path.startsWith("/v1/responses/")) {
                rest = path.substring("/v1/responses/".length());
            } else if (path.startsWith("/responses/")) {
                rest = path.substring("/responses/".length());
            } else {
                return null;
            }
            int slash = rest.indexOf('/');
            String id = slash < 0 ? rest : rest.substring(0, slash);
            String tail = slash < 0 ? "" : rest.substring(slash);
            if (!ResponseIds.ID.matcher(id).matches()) {
                return null;
            }
            Action action = switch (tail) {
                case "" -> "DELETE".equals(method) ? Action.DELETE : Action.RETRIEVE;
                case "/cancel" -> Action.CANCEL;
                case "/input_items" -> Action.INPUT_ITEMS;
                default -> null;
            };
            return action == null || !action.method.equals(method) ? null : new Stored(id, action);
        }

        @Override
        byte[] error(int status, String code, String message) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode e = root.putObject("error");
            e.put("message", message);
            e.put("type", type(status));
            e.putNull("param");
            e.put("code", code);
            return bytes(root);
        }

        private static String type(int status) {
            return switch (status) {
                case 400, 404, 408, 413 -> "invalid_request_error";
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                default -> "server_error";
            };
        }

        @Override
        String streamError(String code, String message) {
            return "data: " + new String(error(403, code, message), StandardCharsets.UTF_8) + "\n\n";
        }

        @Override
        JsonNode conversationSeed(ObjectNode body) {
            ArrayNode seed = JSON.createArrayNode();
            if (body.has("input") || body.has("instructions")) {
                // Responses: the instructions and the input up to its first user message (a string is one)
                seed.add(body.path("instructions"));
                JsonNode input = body.get("input");
                if (input != null && input.isArray()) {
                    for (JsonNode item : input) {
                        seed.add(item);
                        if ("user".equals(item.path("role").asText())) {
                            break;
                        }
                    }
                } else if (input != null) {
                    seed.add(input);
                }
                return seed;
            }
            JsonNode messages = body.get("messages");
            if (messages != null && messages.isArray()) {
                for (JsonNode m : messages) {
                    seed.add(m);
                    if ("user".equals(m.path("role").asText())) {
                        break;
                    }
                }
            }
            return seed;
        }

        @Override
        List<Parts.Part> answerParts(ObjectNode answer, Endpoint endpoint) {
            List<Parts.Part> out = new ArrayList<>();
            if (endpoint == Endpoint.EMBEDDINGS) {
                return out; // vectors only
            }
            if (endpoint == Endpoint.RESPONSE_INPUT_ITEMS) {
                for (JsonNode item : answer.path("data")) {
                    if (item instanceof ObjectNode o) {
                        out.addAll(Parts.of(o));
                    }
                }
                return out;
            }
            if (endpoint == Endpoint.RESPONSES) {
                for (JsonNode item : answer.path("output")) {
                    if (item instanceof ObjectNode o) {
                        out.addAll(Parts.of(o));
                    }
                }
                return out;
            }
            for (JsonNode choice : answer.path("choices")) {
                if (choice.get("message") instanceof ObjectNode m) {
                    out.addAll(Parts.of(m));
                }
            }
            return out;
        }
    }

    static final class Anthropic extends Dialect {
        static final Anthropic INSTANCE = new Anthropic();

        private Anthropic() {
            super(GatewayConfig.Api.ANTHROPIC);
        }

        @Override
        Endpoint endpoint(String path) {
            return "/v1/messages".equals(path) ? Endpoint.MESSAGES : null;
        }

        @Override
        byte[] error(int status, String code, String message) {
            ObjectNode root = JSON.createObjectNode();
            root.put("type", "error");
            ObjectNode e = root.putObject("error");
            e.put("type", type(status));
            e.put("message", message + " (" + code + ")");
            return bytes(root);
        }

        private static String type(int status) {
            return switch (status) {
                case 400, 408 -> "invalid_request_error";
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                case 404 -> "not_found_error";
                case 413 -> "request_too_large";
                default -> "api_error";
            };
        }

        @Override
        String streamError(String code, String message) {
            return "event: error\ndata: " + new String(error(403, code, message), StandardCharsets.UTF_8) + "\n\n";
        }

        @Override
        JsonNode conversationSeed(ObjectNode body) {
            ArrayNode seed = JSON.createArrayNode();
            seed.add(body.path("system"));
            JsonNode messages = body.get("messages");
            if (messages != null && messages.isArray() && !messages.isEmpty()) {
                seed.add(messages.get(0));
            }
            return seed;
        }

        @Override
        List<Parts.Part> answerParts(ObjectNode answer, Endpoint endpoint) {
            List<Parts.Part> out = new ArrayList<>();
            for (JsonNode block : answer.path("content")) {
                if (block instanceof ObjectNode b) {
                    out.addAll(Parts.of(b));
                }
            }
            return out;
        }
    }
}
