package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official TypeScript/JavaScript {@code openai} package through the gateway, when Node and that package are
 * already installed (found by Node's own resolution, e.g. {@code NODE_PATH}); skipped otherwise. Never downloads.
 */
class NodeOpenAiSdkTest {
    static final String EMAIL = "avery.santos@example.com";

    @TempDir
    Path dir;

    @Test
    void theNpmOpenAiPackage_seesTheRestoredValue_theUpstreamThePlaceholder() throws Exception {
        Assumptions.assumeTrue(
                runs("node", "-e", "require.resolve('openai')"),
                "skipped: node or the npm package 'openai' is not installed (set NODE_PATH to a node_modules with it)");
        try (Fixture fx = new Fixture(dir)) {
            fx.upstream.script(r -> FakeUpstream.json(
                    200, OpenAiChatSdkTest.completion("Writing to " + Fixture.placeholder(r.text()))));
            Path script = Files.writeString(dir.resolve("call.js"), """
                    const OpenAI = require('openai');
                    const client = new OpenAI({ baseURL: process.argv[2], apiKey: 'caller', maxRetries: 0,
                      defaultHeaders: { 'X-Clearance-User': 'alice' } });
                    client.chat.completions.create({ model: 'gpt-test',
                        messages: [{ role: 'user', content: process.argv[3] }] })
                      .then(c => { console.log(c.choices[0].message.content); })
                      .catch(e => { console.log('ERROR ' + e.status); process.exit(1); });
                    """, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(
                            "node", script.toString(), fx.base("/openai") + "/v1", "Email " + EMAIL + " the notes")
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(out).contains("Writing to " + EMAIL);
            assertThat(fx.upstream.last().text()).doesNotContain(EMAIL);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
