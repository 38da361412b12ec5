package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedReloadTest {
    private static final KeyPair KEYS = PackTrust.generateKeyPair();

    @TempDir
    Path dir;

    private void write(String version, String message) throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: hot\nversion: \"" + version + "\"\n");
        Files.writeString(
                dir.resolve("rules.drl"),
                TestPacks.HEADER + "rule \"allow\" when Data() then verdict.allow(\"" + message + "\"); end\n");
    }

    @Test
    void reload_tamperedOrUnsignedPack_keepsTheLastGoodOneServing() throws IOException {
        write("1", "v1");
        PackTrust.sign(dir, KEYS.getPrivate());
        PackTrust trust = PackTrust.of(KEYS.getPublic());
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(dir, trust))
                .trust(trust)
                .build()) {
            write("2", "v2");
            PackTrust.sign(dir, KEYS.getPrivate());
            assertThat(engine.reload(dir).succeeded()).isTrue();
            assertThat(engine.packVersion()).isEqualTo("2");

            Files.writeString(
                    dir.resolve("rules.drl"),
                    TestPacks.HEADER + "rule \"allow\" when Data() then verdict.allow(\"evil\"); end\n");
            ReloadEvent tampered = engine.reload(dir);

            assertThat(tampered.succeeded()).isFalse();
            assertThat(tampered.toString()).contains("checksum mismatch");
            assertThat(engine.packVersion()).isEqualTo("2");
            Decision d = engine.evaluate(PolicyRequest.builder().product("x").build());
            assertThat(d.reasons().get(0).message()).isEqualTo("v2");

            write("3", "unsigned");
            assertThat(engine.reload(dir).succeeded()).isFalse();
            assertThat(engine.packVersion()).isEqualTo("2");
        }
    }
}
