package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearance.ContentScanner;
import dev.clearance.EvaluationLimits;
import dev.clearance.PolicyEngine;
import dev.clearance.pack.RulePack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rule that never returns: the server still answers, and /health and /metrics report it. */
class OverrunHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACK = """
            package test.rules;
            import dev.clearance.facts.*;
            import dev.clearance.server.SpinGate;
            global dev.clearance.facts.Verdict verdict;

            rule "a.allow" when Context(purpose != "spin") then verdict.allow(); end
            rule "spin" when Context(purpose == "spin") then
                while (SpinGate.on) { Thread.onSpinWait(); }
            end
            """;

    private ClearanceServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        SpinGate.on = true;
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(unrestricted(PACK))
                .scanner(ContentScanner.none())
                .limits(EvaluationLimits.builder()
                        .timeBudget(Duration.ofMillis(200))
                        .build())
                .build();
        server = ClearanceServer.builder()
                .engine(engine)
                .port(0)
                .threads(2)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        SpinGate.on = false;
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.uri().resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode decide(String purpose) throws Exception {
        URI uri = server.uri().resolve(ApiHandler.DECISIONS);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"destination": {"product": "acme"}, "purpose": "%s",
                                 "data": {"classification": "PUBLIC", "content": "hello"}}
                                """.formatted(purpose)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void health_afterRulesNeverReturn_isDegradedWithTheCountsAndTheServerStillAnswers() throws Exception {
        JsonNode healthy = JSON.readTree(get(ApiHandler.HEALTH).body());
        assertThat(healthy.get("status").asText()).isEqualTo("UP");
        assertThat(healthy.get("ruleOverruns").asLong()).isZero();

        // more spins than the server has workers: none of them holds a worker
        for (int i = 0; i < 3; i++) {
            JsonNode d = decide("spin");
            assertThat(d.get("effect").asText()).isEqualTo("DENY");
            assertThat(d.toString()).contains("limit.timeBudget");
        }

        HttpResponse<String> health = get(ApiHandler.HEALTH);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode h = JSON.readTree(health.body());
        assertThat(h.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(h.get("ruleOverruns").asLong()).isEqualTo(3);
        assertThat(h.get("stuckRuleWorkers").asInt()).isPositive();
        assertThat(decide("work").get("effect").asText()).isEqualTo("ALLOW");

        String metrics = get(ApiHandler.METRICS).body();
        assertThat(metrics).contains("clearance_rule_overruns_total 3.0\n");
        assertThat(metrics).containsPattern("clearance_rule_workers_stuck [1-9]");
    }

    /** A never-ending rule is only possible in unrestricted code: a signed pack loaded with the opt-in. */
    private static RulePack unrestricted(String drl) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("clearance-spin-");
            java.nio.file.Files.writeString(dir.resolve("pack.yaml"), "id: spin-pack\nversion: \"1\"\n");
            java.nio.file.Files.writeString(dir.resolve("rules.drl"), drl);
            java.security.KeyPair keys = dev.clearance.pack.PackTrust.generateKeyPair();
            dev.clearance.pack.PackTrust.sign(dir, keys.getPrivate());
            return RulePack.load(
                    dir, dev.clearance.pack.PackTrust.of(keys.getPublic()).allowUnrestrictedCode());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
