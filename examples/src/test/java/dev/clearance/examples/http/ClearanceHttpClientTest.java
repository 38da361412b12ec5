package dev.clearance.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import dev.clearance.server.ClearanceServer;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClearanceHttpClientTest {
    static ClearanceServer server;

    @BeforeAll
    static void start() {
        // a real server on an ephemeral loopback port, as `clearance serve --port 0` would run it
        server = ClearanceServer.builder()
                .engine(PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build())
                .port(0)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void decide_internalNotesToTrainingConsumerTool_isDenied() {
        // tag::http-client[]
        ClearanceHttpClient clearance = ClearanceHttpClient.create(server.uri()); // e.g. http://127.0.0.1:8080/

        String prompt = "Summarize our sprint notes: the migration slipped two weeks.";
        ClearanceHttpClient.Decision d = clearance.decide("openai:chatgpt-free", "INTERNAL", prompt);
        String toSend = d.sendable(prompt); // the original (ALLOW), the redacted text (REDACT) or null (DENY)
        // end::http-client[]

        assertThat(toSend).isNull();
        assertThat(d.effect()).isEqualTo("DENY");
        assertThat(d.ruleIds()).contains("classification.internal-no-training");
        assertThat(d.decisionId()).isNotBlank();
    }

    @Test
    void decide_emailToApiWithoutZdr_isRedacted() {
        ClearanceHttpClient clearance = ClearanceHttpClient.create(server.uri());
        String prompt = "Draft a reply to rosa.valdez@northwindtraders.com about the refund.";

        ClearanceHttpClient.Decision d = clearance.decide("openai:api", "INTERNAL", prompt);

        assertThat(d.effect()).isEqualTo("REDACT");
        assertThat(d.sendable(prompt)).contains("[EMAIL_ADDRESS_1]").doesNotContain("rosa.valdez");
    }

    @Test
    void redact_text_replacesFindings() {
        ClearanceHttpClient.Redacted r =
                ClearanceHttpClient.create(server.uri()).redact("key AKIAZ7QW3RT5YH2KLXMN in the config");

        assertThat(r.content()).isEqualTo("key [SECRET_1] in the config");
        assertThat(r.redactions()).hasSize(1);
    }

    @Test
    void decide_invalidRequest_throwsWithStatusAndField() {
        ClearanceHttpClient.ClearanceHttpException e = catchThrowableOfType(
                ClearanceHttpClient.ClearanceHttpException.class,
                () -> ClearanceHttpClient.create(server.uri()).decide("openai:api", "SECRETISH", "x"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).isEqualTo("data.classification");
    }

    @Test
    void healthy_runningServer_true_stoppedServer_false() throws Exception {
        assertThat(ClearanceHttpClient.create(server.uri()).healthy()).isTrue();
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        ClearanceHttpClient nowhere =
                ClearanceHttpClient.create(URI.create("http://127.0.0.1:" + free + "/"), Duration.ofSeconds(2));
        assertThat(nowhere.healthy()).isFalse();
        assertThat(catchThrowableOfType(UncheckedIOException.class, () -> nowhere.redact("x")))
                .isNotNull();
    }
}
