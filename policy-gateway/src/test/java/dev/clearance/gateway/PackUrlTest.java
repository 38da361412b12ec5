package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clearance.pack.PackBundle;
import dev.clearance.pack.PackTrust;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy.packUrl} (and {@code clearance gateway --pack-url}): signed pack bundles polled from a URL are
 * swapped in while the gateway serves, as with {@code clearance serve --pack-url}; a bundle that does not verify
 * under the trusted keys leaves the last good pack serving.
 */
class PackUrlTest {
    static final KeyPair KEYS = PackTrust.generateKeyPair();
    static final KeyPair OTHER = PackTrust.generateKeyPair();

    @TempDir
    Path dir;

    Path bundle(String version, String ruleId, String effect, KeyPair signer) throws Exception {
        Path pack = Files.createDirectories(dir.resolve("pack-" + version));
        Files.writeString(pack.resolve("pack.yaml"), "id: fleet-gateway\nversion: \"" + version + "\"\n");
        Files.writeString(pack.resolve("rules.drl"), HotReloadTest.rule(ruleId, effect));
        Path out = dir.resolve("staged-" + version + ".bundle");
        PackBundle.write(pack, signer.getPrivate(), signer.getPublic(), Duration.ofDays(1), out);
        return out;
    }

    static JsonNode health(Fixture fx) throws Exception {
        return Dialect.JSON.readTree(Raw.get(fx.base("") + "/health").body());
    }

    static JsonNode awaitHealth(Fixture fx, Predicate<JsonNode> done) throws Exception {
        JsonNode h = health(fx);
        for (int i = 0; i < 300 && !done.test(h); i++) {
            Thread.sleep(100);
            h = health(fx);
        }
        return h;
    }

    static HttpResponse<String> ask(Fixture fx) throws Exception {
        return Raw.post(
                fx.base("/openai") + "/v1/chat/completions",
                "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
    }

    @Test
    void aSignedBundleIsSwappedIn_oneSignedByAnotherKeyIsRefused_andTheLastGoodKeepsServing() throws Exception {
        Files.writeString(dir.resolve("fleet.pub.pem"), PackTrust.toPem(KEYS.getPublic()));
        Path served = dir.resolve("policy.bundle");
        Files.copy(bundle("90", "fleet.deny-all", "deny", KEYS), served);
        try (Fixture fx = new Fixture(dir, """
                policy:
                  trustedKeys: [fleet.pub.pem]
                  packUrl: policy.bundle
                  pollIntervalMillis: 100
                """, null)) {
            fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("fine")));

            JsonNode h = awaitHealth(fx, n -> n.path("packVersion").asText().equals("90"));
            assertThat(h.path("pack").asText()).isEqualTo("fleet-gateway");
            assertThat(h.path("polling").asBoolean()).isTrue();
            HttpResponse<String> denied = ask(fx);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("fleet.deny-all");

            Files.copy(
                    bundle("91", "fleet.allow-all", "allow", OTHER),
                    served,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(1_500); // several polls (100 ms, doubled after each failure)

            assertThat(health(fx).path("packVersion").asText()).isEqualTo("90");
            assertThat(ask(fx).body()).contains("fleet.deny-all");

            Files.copy(
                    bundle("92", "fleet.allow-all", "allow", KEYS),
                    served,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            h = awaitHealth(fx, n -> n.path("packVersion").asText().equals("92"));
            assertThat(h.path("packVersion").asText()).isEqualTo("92");
            assertThat(ask(fx).statusCode()).isEqualTo(200);
            assertThat(fx.upstream.received).hasSize(1);
        }
    }

    @Test
    void packUrlIsValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayConfig.parse("""
                        identity: {header: X-User}
                        routes: [{prefix: /o, api: openai, upstream: "http://127.0.0.1:1", product: openai:api}]
                        policy: {packUrl: "ftp://example.com/p.bundle"}
                        """, dir))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("policy.packUrl");
        GatewayConfig c = GatewayConfig.parse("""
                identity: {header: X-User}
                routes: [{prefix: /o, api: openai, upstream: "http://127.0.0.1:1", product: openai:api}]
                policy: {packUrl: bundles/p.bundle}
                """, dir);
        assertThat(c.packUrl()).isEqualTo(dir.resolve("bundles/p.bundle").toUri());
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    }
}
