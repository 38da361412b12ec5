package dev.clearance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.RulePackCompilationException;
import dev.clearance.pack.PackTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSpecTest {
    @TempDir
    Path tmp;

    private Path pack() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pack"));
        Files.writeString(dir.resolve("pack.yaml"), "id: audited\nversion: \"1\"\n");
        Files.writeString(
                dir.resolve("rules.drl"),
                "package t;\nimport dev.clearance.facts.*;\nglobal Verdict verdict;\n"
                        + "rule \"deny-all\" when Destination() then verdict.deny(\"all\"); end\n");
        return dir;
    }

    private Path publicKey(KeyPair keys, String name) throws IOException {
        return Files.writeString(tmp.resolve(name), PackTrust.toPem(keys.getPublic()));
    }

    private static AuditSummary audit(EngineSpec spec) {
        AuditSummary into = new AuditSummary();
        LogAuditor auditor = spec.newAuditor(into);
        String log = "{\"user\": \"u1\", \"url\": \"https://chatgpt.com/c/1\", \"content\": \"hello\"}\n";
        LogFormat.jsonl().read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "log", auditor);
        return auditor.summary();
    }

    @Test
    void withoutTrustedKeys_anUnsignedPackIsAudited() throws IOException {
        AuditSummary s = audit(EngineSpec.defaults().withPack(pack().toString()));

        assertThat(s.decided()).isEqualTo(1);
    }

    @Test
    void underATrustedKey_anUnsignedPackFailsTheSetup() throws IOException {
        EngineSpec spec = EngineSpec.defaults()
                .withPack(pack().toString())
                .withTrustedKey(
                        publicKey(PackTrust.generateKeyPair(), "trusted.pem").toString());

        assertThatThrownBy(() -> spec.newAuditor(new AuditSummary()))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("not signed");
    }

    @Test
    void underTrustedKeys_aPackSignedByAnyOfThemIsAudited_andOneSignedByAnotherKeyIsNot() throws IOException {
        KeyPair signer = PackTrust.generateKeyPair();
        Path dir = pack();
        PackTrust.sign(dir, signer.getPrivate());
        EngineSpec other = EngineSpec.defaults()
                .withPack(dir.toString())
                .withTrustedKey(
                        publicKey(PackTrust.generateKeyPair(), "other.pem").toString());
        EngineSpec both = other.withTrustedKey(publicKey(signer, "signer.pem").toString());

        assertThatThrownBy(() -> other.newAuditor(new AuditSummary())).isInstanceOf(RulePackCompilationException.class);
        assertThat(audit(both).decided()).isEqualTo(1);
    }

    @Test
    void theTrustedKeysTravelWithTheSerializedSpec() throws Exception {
        EngineSpec spec =
                EngineSpec.defaults().withPack("p").withTrustedKey("a.pem").withTrustedKey("b.pem");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(spec);
        }
        assertThat(spec.trustedKeyFiles()).containsExactly("a.pem", "b.pem");
    }
}
