package dev.clearance.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.PolicyRequest;
import dev.clearance.ReloadEvent;
import dev.clearance.ReloadingPolicyEngine;
import dev.clearance.RulePackCompilationException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trust is checked in one place for every form a pack comes in: the same unsigned, tampered or foreign-signed
 * pack is refused under a trust setting as a directory, a jar, a zip or a classpath folder, and a refused reload
 * keeps the last good pack serving.
 */
class PackTrustFormsTest {
    private static final KeyPair KEYS = PackTrust.generateKeyPair();
    private static final KeyPair OTHER = PackTrust.generateKeyPair();
    private static final PackTrust TRUST = PackTrust.of(KEYS.getPublic());
    private static final String HEADER = "package test;\nimport dev.clearance.facts.*;\nglobal Verdict verdict;\n";

    enum Form {
        DIRECTORY,
        JAR,
        ZIP,
        CLASSPATH
    }

    @TempDir
    Path tmp;

    private Path source(String name, String version, String message) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("pack.yaml"), "id: forms\nversion: \"" + version + "\"\nfiles: [rules.drl]\n");
        Files.writeString(
                dir.resolve("rules.drl"),
                HEADER + "rule \"allow\" when Data() then verdict.allow(\"" + message + "\"); end\n");
        return dir;
    }

    private static void tamper(Path dir) throws IOException {
        Files.writeString(
                dir.resolve("rules.drl"),
                HEADER + "rule \"allow\" when Data() then verdict.allow(\"changed after signing\"); end\n");
    }

    /** The pack in {@code dir} as {@code form}: a path for the file forms, a folder on a class loader otherwise. */
    private Path as(Form form, Path dir) throws IOException {
        if (form == Form.DIRECTORY || form == Form.CLASSPATH) {
            return dir;
        }
        Path archive = tmp.resolve(dir.getFileName() + (form == Form.JAR ? ".jar" : ".zip"));
        try (OutputStream out = Files.newOutputStream(archive);
                ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return archive;
    }

    private RulePack load(Form form, Path dir, PackTrust trust) throws IOException {
        if (form == Form.CLASSPATH) {
            try (URLClassLoader loader =
                    new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
                return RulePack.fromClasspath(dir.getFileName().toString(), loader, trust);
            }
        }
        return RulePack.load(as(form, dir), trust);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void signedPack_underTrust_loads(Form form) throws IOException {
        Path dir = source("signed", "1", "ok");
        PackTrust.sign(dir, KEYS.getPrivate());

        RulePack pack = load(form, dir, TRUST);

        assertThat(pack.id()).isEqualTo("forms");
        assertThat(pack.files()).extracting(RuleFile::path).containsExactly("rules.drl");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void unsignedPack_underTrust_isRefused(Form form) throws IOException {
        Path dir = source("unsigned", "1", "ok");

        assertThatThrownBy(() -> load(form, dir, TRUST))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("not signed");
        assertThat(load(form, dir, PackTrust.none()).version()).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void tamperedPack_isRefused_withOrWithoutTrust(Form form) throws IOException {
        Path dir = source("tampered", "1", "ok");
        PackTrust.sign(dir, KEYS.getPrivate());
        tamper(dir);

        assertThatThrownBy(() -> load(form, dir, TRUST))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("checksum mismatch");
        assertThatThrownBy(() -> load(form, dir, PackTrust.none()))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void packSignedByAnUntrustedKey_isRefused(Form form) throws IOException {
        Path dir = source("foreign", "1", "ok");
        PackTrust.sign(dir, OTHER.getPrivate());

        assertThatThrownBy(() -> load(form, dir, TRUST))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("invalid signature");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Form.class,
            names = {"DIRECTORY", "JAR", "ZIP"})
    void reload_ofUnsignedOrTamperedPack_keepsTheLastGoodOneServing(Form form) throws IOException {
        Path good = source("good", "1", "v1");
        PackTrust.sign(good, KEYS.getPrivate());
        Path unsigned = source("unsigned", "2", "unsigned");
        Path tampered = source("tampered", "3", "v3");
        PackTrust.sign(tampered, KEYS.getPrivate());
        tamper(tampered);

        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(as(form, good), TRUST))
                .trust(TRUST)
                .build()) {
            for (Path bad : List.of(as(form, unsigned), as(form, tampered))) {
                ReloadEvent event = engine.reload(bad);

                assertThat(event.succeeded()).isFalse();
                assertThat(engine.packVersion()).isEqualTo("1");
                assertThat(engine.evaluate(PolicyRequest.builder().product("x").build())
                                .reasons()
                                .get(0)
                                .message())
                        .isEqualTo("v1");
            }
        }
    }
}
