package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy.watch: true}: the pack directory reloads while the gateway serves; a broken pack is refused. */
class HotReloadTest {
    static final String HEADER = """
            package test.rules;
            import dev.clearance.*;
            import dev.clearance.facts.*;
            global dev.clearance.facts.Verdict verdict;
            """;

    @TempDir
    Path dir;

    Fixture fx;
    Path pack;

    static String rule(String id, String effect) {
        return HEADER + "rule \"" + id + "\"\nwhen\n    Data()\nthen\n    verdict." + effect
                + "(\"test rule\");\nend\n";
    }

    void writePack(String version, String drl) throws Exception {
        Files.writeString(pack.resolve("rules.drl"), drl);
        Files.writeString(pack.resolve("pack.yaml"), "id: gateway-test\nversion: \"" + version + "\"\n");
    }

    @BeforeEach
    void start() throws Exception {
        pack = Files.createDirectories(dir.resolve("pack"));
        writePack("1", rule("test.allow-all", "allow"));
        fx = new Fixture(dir, "policy:\n  pack: pack\n  watch: true\n", null);
        fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("fine")));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    HttpResponse<String> ask() throws Exception {
        return Raw.post(
                fx.base("/openai") + "/v1/chat/completions",
                "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
    }

    JsonNode health() throws Exception {
        return Dialect.JSON.readTree(Raw.get(fx.base("") + "/health").body());
    }

    /** Polls /health until {@code done} holds (bounded: the watcher debounces, then compiles). */
    JsonNode awaitHealth(Predicate<JsonNode> done) throws Exception {
        JsonNode h = health();
        for (int i = 0; i < 300 && !done.test(h); i++) {
            Thread.sleep(100);
            h = health();
        }
        return h;
    }

    @Test
    void aChangedPackChangesDecisionsWithoutRestart_andABrokenOneKeepsTheLastGoodServing() throws Exception {
        assertThat(ask().statusCode()).isEqualTo(200);
        assertThat(health().path("packVersion").asText()).isEqualTo("1");
        assertThat(health().path("watching").asBoolean()).isTrue();

        writePack("2", rule("test.deny-all", "deny"));
        JsonNode h = awaitHealth(n -> n.path("packVersion").asText().equals("2"));
        assertThat(h.path("packVersion").asText()).isEqualTo("2");
        HttpResponse<String> denied = ask();
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("test.deny-all");

        writePack("3", HEADER + "rule \"broken\" when Data( then end\n");
        h = awaitHealth(n -> n.path("rejectedReloads").asInt() > 0);
        assertThat(h.path("rejectedReloads").asInt()).isPositive();
        assertThat(h.path("packVersion").asText()).isEqualTo("2");
        assertThat(h.path("lastReloadError").path("attempted").asText()).isEqualTo("gateway-test@3");
        assertThat(h.path("lastReloadError").path("problems").asInt()).isPositive();
        assertThat(h.toString()).doesNotContain("Data(");
        assertThat(ask().body()).contains("test.deny-all");
        assertThat(fx.gateway.metrics())
                .containsPattern("(?m)^clearance_pack_reloads_rejected_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void theSamePackVersionChangedDecidesAgain_theCheckedMessageCacheDoesNotServeTheOldPack() throws Exception {
        assertThat(ask().statusCode()).isEqualTo(200);

        writePack("1", rule("test.deny-all", "deny"));
        awaitHealth(n -> n.path("reloads").asInt() > 0);

        assertThat(ask().statusCode()).isEqualTo(403);
    }
}
