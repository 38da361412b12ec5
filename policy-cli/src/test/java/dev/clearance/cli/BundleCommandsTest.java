package dev.clearance.cli;

import static dev.clearance.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.cli.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clearance bundle}, {@code clearance migrate}, and {@code verify} of a bundle, tampered or not. */
class BundleCommandsTest {
    @TempDir
    Path tmp;

    Path pack;
    Path key;

    @BeforeEach
    void setUp() {
        pack = tmp.resolve("pack");
        assertThat(run("init", pack.toString()).code()).isZero();
        assertThat(run("keygen", "--out", tmp.resolve("k").toString()).code()).isZero();
        key = tmp.resolve("k.pem");
    }

    @Test
    void bundle_verifies_andATamperedCopyIsRefused() throws Exception {
        Path bundle = tmp.resolve("p.bundle");
        Result b = run("bundle", pack.toString(), "--key", key.toString(), "--out", bundle.toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("@1, 2 files, signed by key ");
        String pub = tmp.resolve("k.pub.pem").toString();
        assertThat(run("verify", bundle.toString(), "--trusted-key", pub).code())
                .isZero();

        Path tampered = tmp.resolve("t.bundle");
        try (ZipFile in = new ZipFile(bundle.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (ZipEntry e : in.stream().toList()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().endsWith(".drl")) {
                    bytes = (new String(bytes, StandardCharsets.UTF_8) + "\n// changed\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        Result bad = run("verify", tampered.toString(), "--trusted-key", pub);
        assertThat(bad.code()).isNotZero();
        assertThat(bad.out() + bad.err()).contains("invalid signature in .signatures.json");
    }

    @Test
    void bundle_withoutThePublicKey_isExit3() throws Exception {
        Files.delete(tmp.resolve("k.pub.pem"));
        Result r = run(
                "bundle",
                pack.toString(),
                "--key",
                key.toString(),
                "--out",
                tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("public key");
    }

    @Test
    void migrate_reportsTheFormat_andMovesALegacySignatureToJws() throws Exception {
        Result unsigned = run("migrate", pack.toString());
        assertThat(unsigned.code()).isZero();
        assertThat(unsigned.out())
                .contains("pack format 1")
                .contains("signature: none")
                .contains("nothing to migrate");

        assertThat(run("sign", pack.toString(), "--key", key.toString()).code()).isZero();
        Result due = run("migrate", pack.toString());
        assertThat(due.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(due.out()).contains("legacy").contains("--key PRIVATE.pem");

        Result done = run("migrate", pack.toString(), "--key", key.toString());
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(Files.readString(pack.resolve("pack.yaml")))
                .doesNotContain("signature:")
                .doesNotContain("checksums:");
        assertThat(pack.resolve(".signatures.json")).exists();
        assertThat(run(
                                "verify",
                                pack.toString(),
                                "--trusted-key",
                                tmp.resolve("k.pub.pem").toString())
                        .code())
                .isZero();
        assertThat(run("migrate", pack.toString()).out())
                .contains("detached JWS")
                .contains("nothing to migrate");
    }
}
