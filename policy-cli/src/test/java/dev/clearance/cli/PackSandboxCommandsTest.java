package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.cli.AuthoringCommandsTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack sandbox from the command line: refused rule code, the opt-in, and no exit 0 for unfinished work. */
class PackSandboxCommandsTest {
    @TempDir
    Path tmp;

    private Path pack(String rules) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pack"));
        Files.writeString(dir.resolve("pack.yaml"), "id: sandbox\nversion: \"1\"\n");
        Files.writeString(dir.resolve("rules.drl"), AuthoringCommandsTest.HEADER + rules);
        return dir;
    }

    /** Signs {@code pack} with a new key; returns the public key's file. */
    private Path sign(Path pack) {
        String prefix = tmp.resolve("k").toString();
        assertThat(AuthoringCommandsTest.run("keygen", "--out", prefix).code()).isZero();
        assertThat(AuthoringCommandsTest.run("sign", pack.toString(), "--key", prefix + ".pem")
                        .code())
                .isZero();
        return Path.of(prefix + ".pub.pem");
    }

    private static void assertOneLineNoStackTrace(Result r) {
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void check_refusesRuleCodeOutsideTheAllowlist_atItsLine() throws IOException {
        Path dir = pack("rule \"quit\" when Data() then\n    System.exit(0);\nend\n");

        Result r = AuthoringCommandsTest.run("check", "--strict", dir.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out())
                .contains(dir.resolve("rules.drl") + ":6:5: error: rule 'quit' calls java.lang.System.exit: not"
                        + " allowed in a pack")
                .doesNotContain("analysed");
    }

    @Test
    void test_refusesThePackToo() throws IOException {
        Path dir = pack("rule \"sh\" when Data() then Runtime.getRuntime().exec(\"id\"); end\n");
        Path cases = Files.writeString(tmp.resolve("cases.yaml"), "cases: []\n");

        Result r = AuthoringCommandsTest.run("test", dir.toString(), cases.toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.out() + r.err()).contains("rule 'sh' calls java.lang.Runtime.getRuntime: not allowed in a pack");
        assertThat(r.out()).doesNotContain("passed");
    }

    @Test
    void allowUnrestrictedRules_withoutATrustedKey_isRefused() throws IOException {
        Path dir = pack("rule \"a\" when Data() then verdict.allow(\"ok\"); end\n");

        Result r = AuthoringCommandsTest.run("check", "--allow-unrestricted-rules", dir.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--allow-unrestricted-rules needs --trusted-key");
        assertOneLineNoStackTrace(r);
    }

    @Test
    void allowUnrestrictedRules_withASignedPack_compilesFullJava() throws IOException {
        Path dir = pack("rule \"env\" when Data() then verdict.allow(\"\" + (System.getenv(\"PATH\") != null)); end\n");
        Path key = sign(dir);

        Result refused =
                AuthoringCommandsTest.run("check", "--no-analysis", "--trusted-key", key.toString(), dir.toString());
        Result allowed = AuthoringCommandsTest.run(
                "check",
                "--no-analysis",
                "--trusted-key",
                key.toString(),
                "--allow-unrestricted-rules",
                dir.toString());

        assertThat(refused.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.out()).contains("rule 'env' calls java.lang.System.getenv: not allowed in a pack");
        assertThat(allowed.code()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.out()).contains("compiled sandbox@1, 1 rules");
    }

    @Test
    void check_whoseRuleRecursesWithoutBound_failsClosedEverywhere_andFailsStrict() throws IOException {
        Path dir = pack("""
                function int deep(int n) { return deep(n + 1) + 1; }
                rule "deep" when Data() then verdict.allow("" + deep(0)); end
                """);
        Path key = sign(dir);

        Result r = AuthoringCommandsTest.run(
                "check", "--strict", "--trusted-key", key.toString(), "--allow-unrestricted-rules", dir.toString());

        // the StackOverflowError is caught in the engine (bounded evaluation): every situation is a DENY, which
        // the analysis reports, and --strict fails the command
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).contains("fail closed because a rule throws").contains("--strict: failing");
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void aRuleThatExitsTheJvm_doesNotMakeTheCommandExitZero() throws Exception {
        Path dir = pack("rule \"quit\" when Data() then System.exit(0); end\n");
        Path key = sign(dir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ClearanceCli.class.getName(),
                "check",
                "--strict",
                "--trusted-key",
                key.toString(),
                "--allow-unrestricted-rules",
                dir.toString()));
        Process p = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(out + err).isEqualTo(ExitCodes.FAILED);
        assertThat(err).contains("clearance: check did not finish: the JVM was asked to exit before it was done");
        assertThat(out).doesNotContain("analysed");
    }
}
