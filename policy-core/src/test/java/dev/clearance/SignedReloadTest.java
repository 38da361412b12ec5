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

    private ReloadingPolicyEngine signedEngine(String version, boolean allowRollback) throws IOException {
        write(version, "v" + version);
        PackTrust.sign(dir, KEYS.getPrivate());
        PackTrust trust = PackTrust.of(KEYS.getPublic());
        return ReloadingPolicyEngine.builder(RulePack.load(dir, trust))
                .trust(trust)
                .allowRollback(allowRollback)
                .build();
    }

    private ReloadEvent reloadSigned(ReloadingPolicyEngine engine, String version, String message) throws IOException {
        write(version, message);
        PackTrust.sign(dir, KEYS.getPrivate());
        return engine.reload(dir);
    }

    private String served(ReloadingPolicyEngine engine) {
        return engine.evaluate(PolicyRequest.builder().product("x").build())
                .reasons()
                .get(0)
                .message();
    }

    @Test
    void reload_olderSignedVersion_isRefusedAndTheServingOneStays() throws IOException {
        try (ReloadingPolicyEngine engine = signedEngine("2", false)) {
            ReloadEvent older = reloadSigned(engine, "1.9", "old");

            assertThat(older.succeeded()).isFalse();
            assertThat(older.attempted()).isEqualTo("hot@1.9");
            assertThat(older.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.message()).startsWith("version 1.9 is older than serving version 2");
                assertThat(d.resource()).isEqualTo("pack.yaml");
            });
            assertThat(engine.packVersion()).isEqualTo("2");
            assertThat(served(engine)).isEqualTo("v2");
            assertThat(engine.refusedRollbacks()).isEqualTo(1);
            assertThat(engine.rejectedReloads()).isEqualTo(1);
        }
    }

    @Test
    void reload_sameOrNewerSignedVersion_isAccepted() throws IOException {
        try (ReloadingPolicyEngine engine = signedEngine("1.9", false)) {
            // the same version re-signed (or a watched pack whose files were touched) reloads
            assertThat(reloadSigned(engine, "1.9", "resigned").succeeded()).isTrue();
            assertThat(served(engine)).isEqualTo("resigned");
            // numeric, not textual: 1.10 is newer than 1.9; 1.10.0 is the same as 1.10
            assertThat(reloadSigned(engine, "1.10", "newer").succeeded()).isTrue();
            assertThat(reloadSigned(engine, "1.10.0", "same").succeeded()).isTrue();
            assertThat(engine.packVersion()).isEqualTo("1.10.0");
            assertThat(engine.refusedRollbacks()).isZero();
        }
    }

    @Test
    void reload_versionThatCannotBeOrdered_isRefusedUnderATrustedKey() throws IOException {
        try (ReloadingPolicyEngine engine = signedEngine("3", false)) {
            ReloadEvent named = reloadSigned(engine, "3-rc1", "named");

            assertThat(named.succeeded()).isFalse();
            assertThat(named.diagnostics().get(0).message())
                    .startsWith("version 3-rc1 cannot be ordered against serving version 3");
            assertThat(engine.packVersion()).isEqualTo("3");
            assertThat(engine.refusedRollbacks()).isEqualTo(1);
        }
    }

    @Test
    void reload_olderSignedVersion_isAcceptedWithTheRollbackOptIn() throws IOException {
        try (ReloadingPolicyEngine engine = signedEngine("2", true)) {
            assertThat(reloadSigned(engine, "1", "rolled back").succeeded()).isTrue();
            assertThat(engine.packVersion()).isEqualTo("1");
            assertThat(served(engine)).isEqualTo("rolled back");
            assertThat(engine.refusedRollbacks()).isZero();
        }
    }

    @Test
    void reload_withoutTrustedKeys_doesNotCompareVersions() throws IOException {
        write("2", "v2");
        try (ReloadingPolicyEngine engine =
                ReloadingPolicyEngine.builder(RulePack.load(dir)).build()) {
            write("1", "v1");
            assertThat(engine.reload(dir).succeeded()).isTrue();
            assertThat(engine.packVersion()).isEqualTo("1");
        }
    }
}
