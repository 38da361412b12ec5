package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingModel;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingsAndKeysTest {
    static final String EMAIL = "sam.okafor@example.com";
    static final String EMBEDDING = """
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}],
             "model":"emb-test","usage":{"prompt_tokens":1,"total_tokens":1}}""";

    @TempDir
    Path dir;

    @Test
    void embeddingsInputIsChecked_andTokenIdsAreRefused() throws Exception {
        try (Fixture fx = new Fixture(dir)) {
            fx.upstream.script(r -> FakeUpstream.json(200, EMBEDDING));
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl(fx.base("/openai") + "/v1")
                    .apiKey("caller")
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(20))
                    .putHeader("X-Clearance-User", "alice")
                    .build();

            CreateEmbeddingResponse e = client.embeddings()
                    .create(EmbeddingCreateParams.builder()
                            .model(EmbeddingModel.of("emb-test"))
                            .input("Customer " + EMAIL + " asked about refunds")
                            .build());

            assertThat(e.data().get(0).embedding()).containsExactly(0.1f, 0.2f);
            assertThat(fx.upstream.last().path()).isEqualTo("/v1/embeddings");
            assertThat(fx.upstream.last().text()).doesNotContain(EMAIL).contains("[EMAIL_ADDRESS_");

            HttpResponse<String> tokens =
                    Raw.post(fx.base("/openai") + "/v1/embeddings", "{\"model\":\"m\",\"input\":[[1,2,3]]}");
            assertThat(tokens.statusCode()).isEqualTo(400);
            assertThat(fx.upstream.received).hasSize(1);
        }
    }

    @Test
    void gatewayApiKeysIdentifyCallers_theDecisionLogHasNoContent() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream()) {
            upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("ok")));
            Files.writeString(dir.resolve("keys.yaml"), """
                    keys:
                      - key: gw-key-for-alice-0123456789
                        user: alice
                        groups: [eng]
                    """, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("up.key"), "sk-upstream-secret-value\n", StandardCharsets.UTF_8);
            GatewayConfig config = GatewayConfig.parse("""
                    listen: {port: 0}
                    identity: {apiKeysFile: keys.yaml}
                    routes:
                      - prefix: /openai
                        api: openai
                        upstream: %s
                        product: openai:api
                        upstreamKey: {file: up.key}
                    policy:
                      decisionLog: decisions.jsonl
                    """.formatted(upstream.uri()), dir);
            try (ClearanceGateway gateway = ClearanceGateway.start(config)) {
                String base = "http://127.0.0.1:" + gateway.port() + "/openai/v1";
                ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder()
                        .model(ChatModel.of("gpt-test"))
                        .addUserMessage("Please greet " + EMAIL)
                        .build();
                OpenAIClient alice = OpenAIOkHttpClient.builder()
                        .baseUrl(base)
                        .apiKey("gw-key-for-alice-0123456789")
                        .maxRetries(0)
                        .build();
                OpenAIClient stranger = OpenAIOkHttpClient.builder()
                        .baseUrl(base)
                        .apiKey("gw-key-nobody-was-ever-given")
                        .maxRetries(0)
                        .build();

                alice.chat().completions().create(ask);
                assertThatThrownBy(() -> stranger.chat().completions().create(ask))
                        .isInstanceOf(UnauthorizedException.class);

                assertThat(upstream.received).hasSize(1);
                assertThat(upstream.last().headers().get("Authorization")).isEqualTo("Bearer sk-upstream-secret-value");
                assertThat(upstream.last().text()).doesNotContain("gw-key");
            }
            String log = Files.readString(dir.resolve("decisions.jsonl"), StandardCharsets.UTF_8);
            assertThat(log).contains("REDACT").contains("alice").doesNotContain(EMAIL);
        }
    }
}
