package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's conventions: summaries, enum values, exit codes for files, completion and man pages. */
class CliConventionsTest {
    @TempDir
    Path tmp;

    private static CliRun.Result run(String... args) {
        return CliRun.withStdin("", args);
    }

    private static void commands(CommandLine cli, List<CommandLine> into) {
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            into.add(sub.getValue());
            commands(sub.getValue(), into);
        }
    }

    @Test
    void everyCommandSummary_isOneFullSentence() {
        List<CommandLine> all = new ArrayList<>();
        commands(ClearanceCli.commandLine(), all);
        assertThat(all).hasSizeGreaterThan(10);
        for (CommandLine c : all) {
            String[] header = c.getCommandSpec().usageMessage().header();
            assertThat(header).as(c.getCommandName()).hasSize(1);
            assertThat(header[0]).as(c.getCommandName()).matches("[A-Z].*\\.").hasSizeLessThan(100);
        }
        CliRun.Result help = run("--help");
        assertThat(help.code()).isZero();
        // the command list shows each summary whole, on its own line or wrapped, ending with its full stop
        String joined = help.out().replaceAll("\\s+", " ");
        for (String summary : ClearanceCli.SUMMARIES.values()) {
            assertThat(joined).contains(summary);
        }
    }

    @Test
    void firstSentence_stopsAtTheFirstFullStop() {
        assertThat(ClearanceCli.firstSentence("Does a thing. Then more.")).isEqualTo("Does a thing.");
        assertThat(ClearanceCli.firstSentence("Reads pack.yaml\n  files. More")).isEqualTo("Reads pack.yaml files.");
        assertThat(ClearanceCli.firstSentence("No stop")).isEqualTo("No stop");
    }

    @Test
    void enumOptions_takeAnyCase() {
        CliRun.Result lower =
                run("evaluate", "--product", "openai:api", "--classification", "internal", "--text", "hi");
        CliRun.Result upper =
                run("evaluate", "--product", "openai:api", "--classification", "INTERNAL", "--text", "hi");
        assertThat(lower.code()).as(lower.err()).isZero();
        assertThat(lower.out()).contains("\"effect\"");
        assertThat(lower.out().replaceAll("\"(decision_?[iI]d|elapsed\\w*|decidedAt)\"\\s*:\\s*[^,}]+", ""))
                .isEqualTo(upper.out().replaceAll("\"(decision_?[iI]d|elapsed\\w*|decidedAt)\"\\s*:\\s*[^,}]+", ""));
    }

    @Test
    void aMissingInputFile_isInvalidInput_exit3_inOneLine() {
        CliRun.Result r =
                run("evaluate", "--request", tmp.resolve("absent.json").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("no such file").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);

        CliRun.Result dir = run("evaluate", "--request", tmp.toString());
        assertThat(dir.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void version_isTheBuildsProjectVersion_notDev() {
        String expected = System.getProperty("clearance.project.version");
        assertThat(expected).as("set by the pom's surefire configuration").isNotBlank();
        CliRun.Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst()).hasValue("clearance " + expected);
        assertThat(r.out()).doesNotContain("clearance dev").contains("default pack ");
    }

    @Test
    void completion_printsABashScriptNamingEveryCommand() {
        CliRun.Result r = run("completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F").contains("evaluate").contains("audit-gen");
    }

    @Test
    void genManpage_writesAnAsciiDocPagePerCommand() throws Exception {
        CliRun.Result r = run("gen-manpage", "--outdir", tmp.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(tmp.resolve("clearance.adoc")).exists();
        Path evaluate = tmp.resolve("clearance-evaluate.adoc");
        assertThat(evaluate).exists();
        assertThat(Files.readString(evaluate, StandardCharsets.UTF_8))
                .contains("--classification")
                .contains("Decides one request");
    }
}
