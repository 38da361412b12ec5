package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClearanceServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = """
            {"id": "c1", "destination": {"product": "openai:chatgpt-free", "trainingOptOut": true},
             "data": {"classification": "INTERNAL", "content": "Reply to jane.doe@example.com about the refund."}}
            """;

    static ClearanceServer server;
    static HttpClient http;

    @BeforeAll
    static void start() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        server = ClearanceServer.builder()
                .engine(engine)
                .port(0)
                .threads(4)
                .maxBodyBytes(64 * 1024)
                .idleTimeout(Duration.ofSeconds(1))
                .build()
                .start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.uri().resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertJsonError(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").isTextual()).isTrue();
        assertThat(body.get("field").isTextual()).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("jane.doe");
    }

    @Test
    void decisions_validRequest_returnsDecisionJson() throws Exception {
        HttpResponse<String> r = post("/v1/decisions", "application/json", REQUEST);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode d = JSON.readTree(r.body());
        assertThat(d.get("id").asText()).isEqualTo("c1");
        assertThat(d.get("effect").asText()).isEqualTo("REDACT");
        assertThat(d.get("content").asText()).contains("[EMAIL_ADDRESS_1]").doesNotContain("jane.doe");
        assertThat(d.get("reasons").get(0).get("ruleId").asText()).isNotEmpty();
    }

    @Test
    void redactions_text_returnsContentAndRedactions() throws Exception {
        HttpResponse<String> r = post(
                "/v1/redactions",
                "application/json; charset=UTF-8",
                "{\"text\": \"key AKIAQ3EGRTWXZL7KN5PD and mail jane.doe@example.com\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("content").asText()).doesNotContain("AKIA").doesNotContain("jane.doe");
        assertThat(body.get("redactions")).hasSize(2);
        assertThat(body.get("redactions").get(0).get("type").asText()).isEqualTo("SECRET");
    }

    @Test
    void health_get_reportsUpAndPack() throws Exception {
        HttpResponse<String> r = send("GET", "/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("UP");
        assertThat(JSON.readTree(r.body()).get("pack").asText()).isEqualTo("clearance-default");
    }

    @Test
    void metrics_afterDecisions_exposesCountersHistogramAndPackInfo() throws Exception {
        post("/v1/decisions", "application/json", REQUEST);

        HttpResponse<String> r = send("GET", "/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(r.body())
                .contains("clearance_pack_info{pack=\"clearance-default\",version=\"1\"} 1")
                .containsPattern("clearance_decisions_total\\{effect=\"REDACT\"} [1-9]")
                .containsPattern("clearance_decision_rules_total\\{effect=\"REDACT\",rule=\"[a-z.-]+\"} [1-9]")
                .contains("clearance_decision_duration_seconds_bucket{le=\"+Inf\"}")
                .contains("clearance_decision_duration_seconds_count")
                .containsPattern("clearance_http_responses_total\\{code=\"200\",endpoint=\"/v1/decisions\"} [1-9]");
    }

    @Test
    void metrics_everyLine_isPrometheusTextFormat() throws Exception {
        post("/v1/redactions", "application/json", "{\"text\": \"x\"}");
        send("GET", "/nowhere");

        String body = send("GET", "/metrics").body();

        java.util.regex.Pattern sample = java.util.regex.Pattern.compile(
                "[a-z_]+(\\{[a-z_]+=\"(?:[^\"\\\\]|\\\\.)*\"(?:,[a-z_]+=\"(?:[^\"\\\\]|\\\\.)*\")*})? "
                        + "-?[0-9.eE+-]+");
        assertThat(body).endsWith("\n");
        for (String line : body.split("\n")) {
            if (line.startsWith("# ")) {
                assertThat(line).matches("# (HELP|TYPE) [a-z_]+ .+");
            } else {
                assertThat(line).matches(sample);
            }
        }
        assertThat(body)
                .contains("clearance_http_responses_total{code=\"404\",endpoint=\"other\"}")
                .contains("clearance_redactions_total ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"destination\": {",
                "{}",
                "[1,2]",
                "",
                "{\"destination\": {\"product\": \"openai:api\"}," + " \"bogus\": 1}",
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"classification\": "
                        + "\"SECRETISH\", \"content\": \"jane.doe@example.com\"}}",
                "\u0000\u0001garbage jane.doe@example.com"
            })
    void decisions_invalidJson_is400WithErrorAndField(String body) throws Exception {
        assertJsonError(post("/v1/decisions", "application/json", body), 400);
    }

    @Test
    void decisions_unknownField_namesWhereItIs_neverItsName() throws Exception {
        HttpResponse<String> r = post(
                "/v1/decisions",
                "application/json",
                "{\"destination\": {\"product\": \"openai:api\", \"4111 1111 1111 1111\": 1}}");

        assertJsonError(r, 400);
        assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("destination");
        assertThat(r.body()).contains("unknown field").doesNotContain("4111");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"txt\": \"jane.doe@example.com\"}",
                "{\"text\": 1}",
                "{}",
                "{\"text\": \"a\"} x",
                "{\"text\": \"a\", \"text\": \"b\"}",
                "\"jane.doe@example.com\"",
                "{\"text\": \"jane.doe@example.com"
            })
    void redactions_invalidBody_is400(String body) throws Exception {
        assertJsonError(post("/v1/redactions", "application/json", body), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"})
    void decisions_wrongContentType_is415(String type) throws Exception {
        assertJsonError(post("/v1/decisions", type, REQUEST), 415);
    }

    @Test
    void decisions_missingContentType_is415() throws Exception {
        assertJsonError(post("/v1/decisions", null, REQUEST), 415);
    }

    @Test
    void decisions_oversizedBody_is413() throws Exception {
        // the declared length is refused before any body byte is read, so the client need not send one (a
        // client still sending it races the server's close and may see a reset instead of the answer)
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + (70 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 413").contains("\"error\"").doesNotContain("Exception");
        }
        assertThat(post("/v1/decisions", "application/json", REQUEST).statusCode())
                .isEqualTo(200);
    }

    @Test
    void decisions_oversizedChunkedBody_is413() throws Exception {
        byte[] big = ("{\"data\": {\"content\": \"" + "x".repeat(70 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(server.uri().resolve("/v1/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();

        assertJsonError(http.send(req, HttpResponse.BodyHandlers.ofString()), 413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1", "/v1/decision", "/v2/decisions", "/health/x", "/metrics.txt"})
    void unknownPath_is404(String path) throws Exception {
        assertJsonError(send("GET", path), 404);
        assertJsonError(post(path, "application/json", REQUEST), 404);
    }

    @Test
    void wrongMethod_is405WithAllow() throws Exception {
        HttpResponse<String> get = send("GET", "/v1/decisions");
        assertJsonError(get, 405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertJsonError(send("PUT", "/v1/redactions"), 405);
        assertJsonError(send("DELETE", "/health"), 405);
        HttpResponse<String> post = post("/metrics", "application/json", "{}");
        assertJsonError(post, 405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void malformedHttp_is400WithoutTrace_andServerKeepsServing() throws Exception {
        String reply = raw("GARBAGE\u0001 /v1/decisions jane.doe@example.com\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 400").doesNotContain("Exception").doesNotContain("jane.doe");
        assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedHeaders_is431_andServerKeepsServing() throws Exception {
        String reply = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 431").doesNotContain("Exception");
        assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void slowClient_halfBodyThenStall_isDisconnected_andServerKeepsServing() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 400\r\n\r\n{\"destination\": {\"product\": ")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            // the idle timeout (1 s here) closes the stalled connection: the read ends instead of hanging
            InputStream in = s.getInputStream();
            byte[] rest = in.readAllBytes();
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("Exception");
        }
        assertThat(post("/v1/decisions", "application/json", REQUEST).statusCode())
                .isEqualTo(200);
    }

    @Test
    void slowClient_silentOrHalfHeaders_isDisconnected_andServerKeepsServing() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", server.port());
                Socket halfHeaders = new Socket("127.0.0.1", server.port())) {
            silent.setSoTimeout(15_000);
            halfHeaders.setSoTimeout(15_000);
            halfHeaders
                    .getOutputStream()
                    .write("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Ty".getBytes(StandardCharsets.UTF_8));
            halfHeaders.getOutputStream().flush();

            // both reads end (the server closes the connections) instead of blocking until the socket timeout
            assertThat(silent.getInputStream().readAllBytes()).isEmpty();
            assertThat(new String(halfHeaders.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("Exception");
        }
        assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void droppedClient_midBody_serverKeepsServing() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream()
                        .write(("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                                        + "\r\nContent-Length: 4000\r\n\r\n{\"destination\"")
                                .getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                s.setSoLinger(true, 0); // reset, not a graceful close
            }
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(post("/v1/decisions", "application/json", REQUEST).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void builder_withoutEngine_fails() {
        assertThatThrownBy(() -> ClearanceServer.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("engine");
    }

    static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            byte[] reply = s.getInputStream().readAllBytes();
            return new String(reply, StandardCharsets.UTF_8);
        }
    }
}
