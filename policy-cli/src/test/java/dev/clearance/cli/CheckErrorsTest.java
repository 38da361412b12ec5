package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clearance check}: an author-facing DRL error, with the engine's message only under --verbose. */
class CheckErrorsTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClearanceCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void misspeltField_isNamedWithASuggestion_rawOnlyWhenVerbose() throws Exception {
        Path pack = tmp.resolve("pack");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("pack.yaml"), "id: typo\nversion: \"1\"\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package typo;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "r" when
                    Destination( trainOnData )
                then
                    verdict.deny("trains");
                end
                """);
        Result r = run("check", pack.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out())
                .contains(pack.resolve("rules.drl")
                        + ":5:18: error: unknown field 'trainOnData' on Destination; did you mean 'trainsOnData'?")
                .doesNotContain("strict-mode");
        Result verbose = run("check", "--verbose", pack.toString());
        assertThat(verbose.out())
                .contains("    engine: Unable to Analyse Expression")
                .contains("strict-mode");
    }
}
