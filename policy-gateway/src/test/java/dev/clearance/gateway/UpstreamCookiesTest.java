package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's upstream client keeps no cookies: one answer's Set-Cookie never goes with a later request (any caller's). */
class UpstreamCookiesTest {
    @TempDir
    Path dir;

    @Test
    void aCookieTheUpstreamSets_isNotSentWithTheNextRequest() throws Exception {
        try (Fixture fx = new Fixture(dir)) {
            String answer = OpenAiChatSdkTest.completion("fine");
            fx.upstream.script(r -> (response, callback) -> {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/json");
                response.getHeaders().put("Set-Cookie", "session=alice-only; Path=/");
                response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
            });
            String ask = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

            Raw.post(fx.base("/openai") + "/v1/chat/completions", ask);
            Raw.post(fx.base("/openai") + "/v1/chat/completions", ask);

            assertThat(fx.upstream.received).hasSize(2);
            assertThat(fx.upstream.last().headers()).doesNotContainKey("Cookie");
        }
    }
}
