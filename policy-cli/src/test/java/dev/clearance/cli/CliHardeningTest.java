package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors never echo arguments, every content limit applies to scan and redact, key files exit 3. */
class CliHardeningTest {
    /** A made-up token in the form of a generic API key (documented prefix, random letters). */
    private static final String TOKEN = "sk_" + "live_Q7wR2tY9uI4oP1aS6dF3gH8jK";

    @TempDir
    Path tmp;

    private static CliRun.Result run(String stdin, String... args) {
        return CliRun.withStdin(stdin, args);
    }

    @Test
    void usageErrors_nameTheOptionOrPosition_neverTheArgument() {
        List<String[]> attempts = List.of(
                new String[] {"scan", "--txet", TOKEN},
                new String[] {"scan", "--txet=" + TOKEN},
                new String[] {"redact", TOKEN},
                new String[] {"evaluate", "--tier", TOKEN, "--product", "x:y"},
                new String[] {"scan", "--max-content-chars", TOKEN},
                new String[] {TOKEN});

        for (String[] args : attempts) {
            CliRun.Result r = run("", args);

            assertThat(r.code()).isEqualTo(ClearanceCli.USAGE);
            assertThat(r.out() + r.err()).doesNotContain(TOKEN).doesNotContain("live_");
            assertThat(r.err()).startsWith("clearance: ").contains("--help");
        }
    }

    @Test
    void usageErrors_sayWhatIsWrong() {
        assertThat(run("", "scan", "--txet", TOKEN).err()).contains("unknown option (argument 2");
        assertThat(run("", "redact", TOKEN).err()).contains("unexpected argument (argument 2");
        assertThat(run("", "evaluate", "--tier", TOKEN).err()).contains("invalid value for --tier: expected one of [");
        assertThat(run("", "scan", "--max-content-chars", TOKEN).err())
                .contains("invalid value for --max-content-chars: expected a whole number");
    }

    @Test
    void scanAndRedact_honourMaxContentChars() {
        String text = "mail jane@example.com now";
        for (String cmd : List.of("scan", "redact")) {
            CliRun.Result flag = run("", cmd, "--max-content-chars", "10", "--text", text);
            CliRun.Result stdin = run(text, cmd, "--max-content-chars", "10");

            for (CliRun.Result r : List.of(flag, stdin)) {
                assertThat(r.code()).as(cmd).isEqualTo(ClearanceCli.INVALID_INPUT);
                assertThat(r.err()).contains("maxContentChars").contains("--max-content-chars");
                assertThat(r.out() + r.err()).doesNotContain("jane@example.com");
            }
        }
        assertThat(run("", "scan", "--max-content-chars", "100", "--text", text).code())
                .isZero();
    }

    @Test
    void scanJsonl_lineOverTheLimit_isAnErrorLine_andTheStreamGoesOn() {
        CliRun.Result r = run(
                "{\"id\":\"a\",\"text\":\"mail jane@example.com now\"}\n{\"id\":\"b\",\"text\":\"ok\"}\n",
                "scan",
                "--jsonl",
                "--max-content-chars",
                "10");

        assertThat(r.code()).isEqualTo(ClearanceCli.INVALID_INPUT);
        assertThat(r.out().lines().toList()).hasSize(2);
        assertThat(r.out()).contains("limit.maxContentChars").contains("\"id\":\"b\"");
        assertThat(r.out() + r.err()).doesNotContain("jane@example.com");
    }

    @Test
    void missingKeyFiles_exit3_inOneLine() throws Exception {
        Path missing = tmp.resolve("nope.pem");
        Path pack = Files.createDirectories(tmp.resolve("pack"));
        List<String[]> attempts = List.of(
                new String[] {
                    "evaluate",
                    "--product",
                    "openai:api",
                    "--pack",
                    pack.toString(),
                    "--trusted-key",
                    missing.toString()
                },
                new String[] {"verify", pack.toString(), "--trusted-key", missing.toString()},
                new String[] {"sign", pack.toString(), "--key", missing.toString()},
                new String[] {"evaluate", "--product", "openai:api", "--audit-key-file", missing.toString()});

        for (String[] args : attempts) {
            CliRun.Result r = run("", args);

            assertThat(r.code()).as(args[0]).isEqualTo(ClearanceCli.INVALID_INPUT);
            assertThat(r.err().lines().toList())
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains("no such file"));
        }
    }

    @Test
    void auditReport_pseudonymizesUsersAndUnknownValues_unlessShowIdentities() throws Exception {
        Path log = Files.writeString(
                tmp.resolve("proxy.jsonl"), """
                {"user": "%s", "url": "https://chatgpt.com/c/1", "content": "hello"}
                {"user": "alice", "url": "https://%s.example/x", "content": "hello"}
                """.formatted(TOKEN, TOKEN.toLowerCase(java.util.Locale.ROOT)));
        Path key = Files.write(tmp.resolve("audit.key"), "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));

        CliRun.Result hidden = run(
                "",
                "audit",
                log.toString(),
                "--decide-unknown-hosts",
                "--report",
                tmp.resolve("a").toString(),
                "--audit-key-file",
                key.toString());
        CliRun.Result again = run(
                "",
                "audit",
                log.toString(),
                "--decide-unknown-hosts",
                "--report",
                tmp.resolve("b").toString(),
                "--audit-key-file",
                key.toString());
        CliRun.Result shown = run(
                "",
                "audit",
                log.toString(),
                "--decide-unknown-hosts",
                "--report",
                tmp.resolve("c").toString(),
                "--show-identities");

        assertThat(hidden.code()).isZero();
        String summary = Files.readString(tmp.resolve("a/summary.json"));
        for (String text :
                List.of(hidden.out(), hidden.err(), summary, Files.readString(tmp.resolve("a/report.html")))) {
            assertThat(text.toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain(TOKEN.toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain("alice");
        }
        assertThat(summary).contains("user-").contains("host-").contains("openai:chatgpt-free");
        assertThat(Files.readString(tmp.resolve("b/summary.json")).replaceAll("\"generatedAt\":\"[^\"]*\"", ""))
                .isEqualTo(summary.replaceAll("\"generatedAt\":\"[^\"]*\"", ""));
        assertThat(shown.code()).isZero();
        assertThat(Files.readString(tmp.resolve("c/summary.json"))).contains("alice");
    }
}
