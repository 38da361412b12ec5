package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackSigningTest {
    private static final KeyPair KEYS = PackTrust.generateKeyPair();
    private static final KeyPair OTHER = PackTrust.generateKeyPair();

    @TempDir
    Path dir;

    @BeforeEach
    void pack() throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: signed\nversion: \"2\"\ndescription: a signed pack\n");
        Files.writeString(
                dir.resolve("rules.drl"), TestPacks.HEADER + "rule \"allow\" when Data() then verdict.allow(); end\n");
        Files.writeString(dir.resolve("catalog.yaml"), "products: []\n");
    }

    private static void assertRefused(Path dir, PackTrust trust, String why) {
        assertThatThrownBy(() -> RulePack.load(dir, trust))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining(why);
    }

    @Test
    void signedPack_loadsWithItsKey_andWithoutAnyTrust() {
        PackTrust.sign(dir, KEYS.getPrivate());

        assertThat(RulePack.load(dir, PackTrust.of(KEYS.getPublic())).id()).isEqualTo("signed");
        assertThat(RulePack.load(dir).version()).isEqualTo("2");
    }

    @Test
    void unsignedPack_isRefusedWhenKeysAreTrusted() {
        assertRefused(dir, PackTrust.of(KEYS.getPublic()), "not signed");
    }

    @Test
    void packSignedByAnotherKey_isRefused() {
        PackTrust.sign(dir, OTHER.getPrivate());

        assertRefused(dir, PackTrust.of(KEYS.getPublic()), "invalid signature");
    }

    @Test
    void ruleFileChangedAfterSigning_isRefusedEvenWithoutKeys() throws IOException {
        PackTrust.sign(dir, KEYS.getPrivate());
        Files.writeString(
                dir.resolve("rules.drl"), TestPacks.HEADER + "rule \"allow\" when then verdict.allow(); end\n");

        assertRefused(dir, PackTrust.of(KEYS.getPublic()), "checksum mismatch");
        assertRefused(dir, PackTrust.none(), "checksum mismatch");
    }

    @Test
    void fileAddedAfterSigning_isRefused() throws IOException {
        PackTrust.sign(dir, KEYS.getPrivate());
        Files.writeString(
                dir.resolve("extra.drl"), TestPacks.HEADER + "rule \"sneaky\" when Data() then verdict.allow(); end\n");

        assertRefused(dir, PackTrust.of(KEYS.getPublic()), "not covered by checksums: extra.drl");
    }

    @Test
    void manifestChangedAfterSigning_isRefused() throws IOException {
        PackTrust.sign(dir, KEYS.getPrivate());
        Path manifest = dir.resolve("pack.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: \"2\"", "version: \"3\""));

        assertRefused(dir, PackTrust.of(KEYS.getPublic()), "invalid signature");
    }

    @Test
    void resigning_replacesOldChecksumsAndSignature() throws IOException {
        PackTrust.sign(dir, OTHER.getPrivate());
        PackTrust.sign(dir, KEYS.getPrivate());

        assertThat(RulePack.load(dir, PackTrust.of(KEYS.getPublic())).id()).isEqualTo("signed");
        assertThat(Files.readString(dir.resolve("pack.yaml")))
                .containsOnlyOnce("signature:")
                .containsOnlyOnce("checksums:");
    }

    @Test
    void keys_roundTripThroughPem() throws IOException {
        Path pub = Files.writeString(dir.resolve("pub.pem"), PackTrust.toPem(KEYS.getPublic()));
        Path priv = Files.writeString(dir.resolve("priv.pem"), PackTrust.toPem(KEYS.getPrivate()));

        PackTrust.sign(dir, PackTrust.readPrivateKey(priv));

        assertThat(RulePack.load(dir, PackTrust.fromPem(pub)).id()).isEqualTo("signed");
    }
}
