package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.PolicyEngine;
import dev.clearance.micrometer.DecisionMeters;
import dev.clearance.rules.DefaultRulePack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** /metrics over decision meters that the engine's decision log feeds: findings by type, decisions counted once. */
class ServerMetersTest {
    private static final String REQUEST = """
            {"id": "m1", "destination": {"product": "openai:chatgpt-free", "trainingOptOut": true},
             "data": {"classification": "INTERNAL", "content": "Reply to jane.doe@example.com about the refund."}}
            """;

    @Test
    void metersFedByTheEngine_areServedWithFindingsByTypeAndEachDecisionOnce() throws Exception {
        DecisionMeters meters = new DecisionMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(meters)
                .build();
        try (ClearanceServer server = ClearanceServer.builder()
                .engine(engine)
                .decisionMeters(meters)
                .port(0)
                .build()
                .start()) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> decided = http.send(
                    HttpRequest.newBuilder(server.uri().resolve("/v1/decisions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(decided.statusCode()).isEqualTo(200);

            String metrics = http.send(
                            HttpRequest.newBuilder(server.uri().resolve("/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();

            assertThat(metrics)
                    .containsPattern("clearance_findings_total\\{type=\"EMAIL_ADDRESS\"} [1-9]")
                    .contains("clearance_decision_latency_seconds_count 1\n")
                    .contains("clearance_decision_duration_seconds_count 1\n");
            double decisions = metrics.lines()
                    .filter(l -> l.startsWith("clearance_decisions_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
            assertThat(decisions).isEqualTo(1.0);
        }
    }

    @Test
    void metersOnARegistryThatCannotRenderPrometheusText_areRefused() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        ClearanceServer.Builder b = ClearanceServer.builder()
                .engine(engine)
                .decisionMeters(new DecisionMeters(new SimpleMeterRegistry()))
                .port(0);

        org.assertj.core.api.Assertions.assertThatThrownBy(b::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PrometheusMeterRegistry");
    }
}
