package dev.clearance.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A client for {@code clearance serve}, on the JDK's {@code java.net.http} and Jackson: for services that ask a
 * shared decision endpoint instead of embedding the engine. Thread-safe; build one and share it.
 *
 * <p>Errors: a 4xx/5xx answer is a {@link ClearanceHttpException} carrying the status and the server's
 * {@code error}/{@code field}; a connection problem is an {@link UncheckedIOException}. Callers that gate an AI call
 * should treat both as "do not send" (fail closed).
 */
public final class ClearanceHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    private ClearanceHttpClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** A client for the server at {@code base}, e.g. {@code http://127.0.0.1:8080/}, with a 5 s timeout. */
    public static ClearanceHttpClient create(URI base) {
        return create(base, Duration.ofSeconds(5));
    }

    /** A client whose connect and per-request timeout is {@code timeout}. */
    public static ClearanceHttpClient create(URI base, Duration timeout) {
        return new ClearanceHttpClient(
                Objects.requireNonNull(base, "base"), Objects.requireNonNull(timeout, "timeout"));
    }

    /** One decision, as the server rendered it. {@code content} is the redacted text (REDACT only), else null. */
    public record Decision(
            String id, String decisionId, String effect, List<String> ruleIds, String content, JsonNode json) {
        public Decision {
            ruleIds = List.copyOf(ruleIds);
        }

        /** What may be sent: the original (ALLOW), the redacted content (REDACT), or nothing (DENY: null). */
        public String sendable(String original) {
            return switch (effect) {
                case "ALLOW" -> original;
                case "REDACT" -> content;
                default -> null;
            };
        }
    }

    /** Redacted text and the replacements made ({@code type}, {@code start}, {@code end}, {@code replacement}). */
    public record Redacted(String content, List<JsonNode> redactions) {
        public Redacted {
            redactions = List.copyOf(redactions);
        }
    }

    /** Decides request JSON in the public format ({@code destination}, {@code data}, …). */
    public Decision decide(String requestJson) {
        JsonNode d = post("v1/decisions", requestJson);
        List<String> rules = new ArrayList<>();
        d.path("reasons").forEach(r -> rules.add(r.path("ruleId").asText()));
        return new Decision(
                text(d, "id"), text(d, "decisionId"), d.path("effect").asText(), rules, text(d, "content"), d);
    }

    /** Decides {@code content} of {@code classification} going to catalog product {@code product}. */
    public Decision decide(String product, String classification, String content) {
        ObjectNode req = JSON.createObjectNode();
        req.putObject("destination").put("product", product);
        req.putObject("data").put("classification", classification).put("content", content);
        return decide(req.toString());
    }

    /** Replaces every finding in {@code text}, whatever the destination. */
    public Redacted redact(String text) {
        JsonNode r =
                post("v1/redactions", JSON.createObjectNode().put("text", text).toString());
        List<JsonNode> redactions = new ArrayList<>();
        r.path("redactions").forEach(redactions::add);
        return new Redacted(r.path("content").asText(), redactions);
    }

    /** True when {@code GET /health} answers 200 with status UP. */
    public boolean healthy() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(base.resolve("health"))
                            .timeout(timeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200
                    && "UP".equals(JSON.readTree(r.body()).path("status").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("clearance server " + base + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("interrupted", new java.io.InterruptedIOException());
        }
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ClearanceHttpException(r.statusCode(), "response is not JSON", "");
        }
        if (r.statusCode() != 200) {
            throw new ClearanceHttpException(
                    r.statusCode(),
                    json.path("error").asText("HTTP " + r.statusCode()),
                    json.path("field").asText(""));
        }
        return json;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The server refused the request: 400 (invalid, see {@link #field()}), 413, 415, 5xx. */
    public static final class ClearanceHttpException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String field;

        public ClearanceHttpException(int status, String error, String field) {
            super("HTTP " + status + ": " + error + (field.isEmpty() ? "" : " (field '" + field + "')"));
            this.status = status;
            this.field = field;
        }

        public int status() {
            return status;
        }

        /** The offending request field, or "" when the whole request is at fault. */
        public String field() {
            return field;
        }
    }
}
