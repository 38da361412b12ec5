package dev.clearance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import dev.clearance.server.ClearanceServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/openapi.yaml true: real requests to a real server, each response checked against the schema the
 * document gives for that path, method and status (type, required, properties, additionalProperties: false, enum,
 * nullable, minimum, items, $ref: the subset the document uses); every request body sent with a 200 answer is
 * checked against the request schema too; every documented response but 503 is exercised.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS_KEY = "AKIAZ7QW3RT5YH2KLXMN";

    static JsonNode spec;
    static ClearanceServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Set<String> exercised = new TreeSet<>();

    @BeforeAll
    static void start() throws IOException {
        spec = new YAMLMapper()
                .readTree(Path.of("")
                        .toAbsolutePath()
                        .getParent()
                        .resolve("docs/openapi.yaml")
                        .toFile());
        server = ClearanceServer.builder()
                .engine(PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build())
                .port(0)
                .maxBodyBytes(8192)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void decisions_everyEffectAndError_matchTheDocument() throws Exception {
        String allow = "{\"id\": \"a\", \"user\": {\"id\": \"u-1\", \"groups\": [\"eng\"]}, \"destination\":"
                + " {\"product\": \"anthropic:claude-enterprise\"}, \"data\": {\"classification\": \"INTERNAL\","
                + " \"content\": \"notes\", \"labels\": [\"source-code\"]}, \"purpose\": \"summaries\"}";
        String deny = "{\"destination\": {\"product\": \"openai:chatgpt-free\"}, \"data\": {\"classification\":"
                + " \"INTERNAL\"}}";
        String redact = "{\"id\": \"r\", \"destination\": {\"provider\": \"acme\", \"tier\": \"API\","
                + " \"trainingOptOut\": true, \"zeroDataRetention\": false}, \"data\": {\"content\": \"key "
                + AWS_KEY + "\"}}";
        assertThat(call("POST", "/v1/decisions", "application/json", allow, 200)
                        .get("effect")
                        .asText())
                .isEqualTo("ALLOW");
        assertThat(call("POST", "/v1/decisions", "application/json", deny, 200)
                        .get("effect")
                        .asText())
                .isEqualTo("DENY");
        assertThat(call("POST", "/v1/decisions", "application/json", redact, 200)
                        .get("effect")
                        .asText())
                .isEqualTo("REDACT");
        call("POST", "/v1/decisions", "application/json", "{\"destination\": {", 400);
        call("POST", "/v1/decisions", "application/json", "{\"destination\": {\"product\": \"x\"}, \"bogus\": 1}", 400);
        call("GET", "/v1/decisions", null, null, 405);
        call(
                "POST",
                "/v1/decisions",
                "application/json",
                "{\"data\": {\"content\": \"" + "x".repeat(9000) + "\"}}",
                413);
        call("POST", "/v1/decisions", "text/plain", deny, 415);
    }

    @Test
    void redactionsHealthMetrics_matchTheDocument() throws Exception {
        call("POST", "/v1/redactions", "application/json", "{\"text\": \"key " + AWS_KEY + "\"}", 200);
        call("POST", "/v1/redactions", "application/json", "{\"txt\": 1}", 400);
        call("PUT", "/v1/redactions", "application/json", "{}", 405);
        call("POST", "/v1/redactions", "application/json", "{\"text\": \"" + "x".repeat(9000) + "\"}", 413);
        call("POST", "/v1/redactions", "text/plain", "{}", 415);
        assertThat(call("GET", "/health", null, null, 200).get("status").asText())
                .isEqualTo("UP");
        call("POST", "/health", "application/json", "{}", 405);
        call("GET", "/metrics", null, null, 200);
        call("DELETE", "/metrics", null, null, 405);
    }

    @Test
    void everyDocumentedResponse_isExercised() throws Exception {
        decisions_everyEffectAndError_matchTheDocument();
        redactionsHealthMetrics_matchTheDocument();
        Set<String> documented = new TreeSet<>();
        spec.get("paths")
                .properties()
                .forEach(p -> p.getValue()
                        .properties()
                        .forEach(m -> m.getValue()
                                .get("responses")
                                .fieldNames()
                                .forEachRemaining(code ->
                                        documented.add(m.getKey().toUpperCase() + " " + p.getKey() + " " + code))));
        documented.remove("GET /health 503"); // only while shutting down
        // slow bodies and overload, exercised by policy-server's SlowClientLimitsTest (408 after a min-data-rate
        // grace period, 503 over the buffered-body budget) rather than slowing this test by seconds
        for (String path : List.of("/v1/decisions", "/v1/redactions")) {
            documented.remove("POST " + path + " 408");
            documented.remove("POST " + path + " 503");
        }

        assertThat(exercised).containsAll(documented);
    }

    @Test
    void check_wrongDocuments_areReported() throws Exception {
        JsonNode decision = spec.at("/components/schemas/Decision");
        List<String> errors = new ArrayList<>();

        check(decision, JSON.readTree("{\"decisionId\": 1, \"effect\": \"MAYBE\", \"extra\": true}"), "d", errors);

        assertThat(errors)
                .anyMatch(e -> e.contains("missing required reasons"))
                .anyMatch(e -> e.contains("d.decisionId: expected string"))
                .anyMatch(e -> e.contains("not in"))
                .anyMatch(e -> e.contains("undocumented field extra"));
    }

    /** Sends a request, checks the status is documented and the response matches its schema; returns the body. */
    static JsonNode call(String method, String path, String contentType, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path).isEqualTo(expected);
        JsonNode item = spec.path("paths").path(path);
        String documentedMethod = method.toLowerCase();
        if (!item.has(documentedMethod) && expected == 405) {
            // a wrong method: its 405 is documented on the path's one operation
            documentedMethod = item.fieldNames().next();
        }
        JsonNode operation = item.path(documentedMethod);
        JsonNode documented = operation.path("responses").path(String.valueOf(expected));
        assertThat(documented.isMissingNode())
                .as("status %d of %s %s is documented", expected, method, path)
                .isFalse();
        documented = resolve(documented);
        exercised.add(documentedMethod.toUpperCase() + " " + path + " " + expected);
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode content = documented.path("content");
        String mediaType = type.split(";")[0].strip();
        assertThat(content.has(mediaType))
                .as("%s %s %d documents %s", method, path, expected, mediaType)
                .isTrue();
        if (!mediaType.equals("application/json")) {
            return null;
        }
        JsonNode json = JSON.readTree(r.body());
        List<String> errors = new ArrayList<>();
        check(content.get(mediaType).get("schema"), json, "response", errors);
        if (expected == 200 && body != null) {
            check(
                    operation
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema"),
                    JSON.readTree(body),
                    "request",
                    errors);
        }
        assertThat(errors)
                .as(method + " " + path + " " + expected + ": " + r.body())
                .isEmpty();
        return json;
    }

    static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String[] parts = node.get("$ref").asText().substring(2).split("/");
            JsonNode target = spec;
            for (String part : parts) {
                target = target.path(part);
            }
            assertThat(target.isMissingNode())
                    .as("$ref " + node.get("$ref").asText())
                    .isFalse();
            node = target;
        }
        return node;
    }

    /** The subset of OpenAPI 3.0 schema validation the document uses. */
    static void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        schema = resolve(schema);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(at + ": null but not nullable");
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean typeOk = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "" -> true;
            default -> false;
        };
        if (!typeOk) {
            errors.add(at + ": expected " + type + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                errors.add(at + ": " + value + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("minimum")
                && value.isNumber()
                && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(at + ": below minimum");
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(at + ": missing required " + required.asText());
                }
            }
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (properties.has(name)) {
                    check(properties.get(name), value.get(name), at + "." + name, errors);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    errors.add(at + ": undocumented field " + name);
                }
            }
        }
    }
}
