package dev.clearance.cli;

import static dev.clearance.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.cli.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init writes a pack that check (strict) and test pass at once, in both layouts; it never overwrites by accident. */
class InitCommandTest {
    @TempDir
    Path tmp;

    @Test
    void init_thenCheckAndTest_pass() throws IOException {
        Path dir = tmp.resolve("Acme Policy");
        Result init = run("init", dir.toString());
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("created pack acme-policy");
        assertThat(dir.resolve("pack.yaml")).exists();
        assertThat(dir.resolve("README.md")).exists();
        assertThat(Files.readString(dir.resolve("pack.yaml")))
                .startsWith("# yaml-language-server: $schema=")
                .contains("id: acme-policy");
        assertThat(Files.readString(dir.resolve("policy/starter.drl"))).contains("import dev.clearance.facts.Data;");

        Result check = run("check", "--strict", dir.toString());
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("compiled acme-policy@1, 4 rules").contains("0 warning(s)");

        Result test = run("test", dir.toString(), dir.resolve(InitCommand.CASES).toString());
        assertThat(test.code()).as(test.out() + test.err()).isZero();
        assertThat(test.out().strip()).endsWith("4 passed, 0 failed");
    }

    @Test
    void initMaven_thenCheckAndTest_pass() throws IOException {
        Path dir = tmp.resolve("maven-pack");
        Result init = run("init", "--maven", "--id", "acme", dir.toString());
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(Files.readString(dir.resolve("pom.xml")))
                .contains("<artifactId>policy-core</artifactId>")
                .contains("<artifactId>acme</artifactId>");
        Path pack = dir.resolve(InitCommand.MAVEN_PACK);
        assertThat(pack.resolve("pack.yaml")).exists();
        assertThat(pack.resolve("policy/starter.drl")).exists();

        Result check = run("check", "--strict", pack.toString());
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        Result test = run(
                "test", pack.toString(), dir.resolve(InitCommand.MAVEN_CASES).toString());
        assertThat(test.code()).as(test.out() + test.err()).isZero();
        assertThat(test.out().strip()).endsWith("4 passed, 0 failed");
    }

    @Test
    void init_nonEmptyDirectory_isRefusedUnlessForced() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Result refused = run("init", dir.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).contains("is not empty").contains("--force");
        assertThat(dir.resolve("pack.yaml")).doesNotExist();

        Result forced = run("init", "--force", dir.toString());
        assertThat(forced.code()).isZero();
        assertThat(dir.resolve("pack.yaml")).exists();
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void init_badId_isAUsageError() {
        Result r = run("init", "--id", "Not An Id", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void idFrom_sanitisesTheDirectoryName() {
        assertThat(InitCommand.idFrom(Path.of("/a/My Rules!"))).isEqualTo("my-rules-");
        assertThat(InitCommand.idFrom(Path.of("/a/__"))).isEqualTo("my-pack");
    }
}
