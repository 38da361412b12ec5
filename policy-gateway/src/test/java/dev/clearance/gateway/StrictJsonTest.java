package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An allowed request, and an answer the check left unchanged, go on as their bytes came: so JSON that a receiver
 * could read differently from the gateway (a duplicate key, a second document after the first) is refused.
 */
class StrictJsonTest {
    static final String EMAIL = "lee.park@example.com";
    static final String CHAT = "/v1/chat/completions";

    @TempDir
    Path dir;

    Fixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new Fixture(dir);
        fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("fine")));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aDuplicateKeyInTheRequest_isRefused_nothingIsForwarded() throws Exception {
        HttpResponse<String> r = Raw.post(
                fx.base("/openai") + CHAT,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Mail " + EMAIL
                        + "\",\"content\":\"hello\"}]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("clearance_bad_request").doesNotContain(EMAIL);
        assertThat(fx.upstream.received).isEmpty();
    }

    @Test
    void aSecondDocumentAfterTheRequest_isRefused() throws Exception {
        HttpResponse<String> r = Raw.post(
                fx.base("/openai") + CHAT,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"
                        + "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Mail " + EMAIL + "\"}]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fx.upstream.received).isEmpty();
    }

    @Test
    void aDuplicateKeyInTheAnswer_isAMalformedUpstream() throws Exception {
        fx.upstream.script(r -> FakeUpstream.json(
                200,
                "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Mail " + EMAIL + "\",\"content\":\"ok\"},"
                        + "\"finish_reason\":\"stop\"}]}"));

        HttpResponse<String> r = Raw.post(
                fx.base("/openai") + CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("clearance_upstream_malformed").doesNotContain(EMAIL);
    }

    @Test
    void anAnswerLeftAsItWas_isPassedOnAsItsBytesCame() throws Exception {
        String answer = "{\"id\":\"c\",  \"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}],"
                + "\"x_unknown\":{\"kept\":1.50}}";
        fx.upstream.script(r -> FakeUpstream.json(200, answer));

        HttpResponse<String> r = Raw.post(
                fx.base("/openai") + CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(answer);
    }
}
