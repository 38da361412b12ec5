package dev.clearance.cli;

import static dev.clearance.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clearance check}: an author-facing DRL error, with the engine's message only under --verbose. */
class CheckErrorsTest {
    @TempDir
    Path tmp;

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

    private static final String THREE_PROBLEMS = """
            cases:
              - name: one
                request: {destination: {product: "openai:api"}, data: {classification: PUBLICK}}
                expect: {effect: ALLOW}
              - name: two
                request: {destination: {product: "openai:api"}}
                expect: {effect: PERMIT}
              - name: three
                request: {destination: {product: "openai:api"}}
                expect: {effect: ALLOW, reason: [x]}
            """;

    @Test
    void caseFileWithThreeProblems_testAndCheckReportEveryOneWithLineAndColumn() throws Exception {
        Path cases = tmp.resolve("three.yaml");
        Files.writeString(cases, THREE_PROBLEMS);
        Result t = run("test", "default", cases.toString());
        assertThat(t.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(t.err().lines())
                .contains(cases + ":3:76: error: case 'one': invalid value for 'data.classification': expected one of"
                        + " [PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED]")
                .anySatisfy(
                        l -> assertThat(l).startsWith(cases + ":7:22: error: ").contains("cases[1].expect.effect"))
                .anySatisfy(
                        l -> assertThat(l).startsWith(cases + ":10:29: error: unknown field 'cases[2].expect.reason'"))
                .contains("clearance test: 3 problem(s) in the case files; nothing was run");
        assertThat(t.err() + t.out()).doesNotContain("PUBLICK").doesNotContain("PERMIT");

        // check: the same three, as errors, also in SARIF with their regions
        Path pack = tmp.resolve("pack");
        Files.createDirectories(pack.resolve("cases"));
        Files.writeString(pack.resolve("pack.yaml"), "id: p\nversion: \"1\"\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package p;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "r" when Data() then verdict.allow(); end
                """);
        Files.writeString(pack.resolve("cases/three.yaml"), THREE_PROBLEMS);
        Result c = run("check", "--no-analysis", pack.toString());
        assertThat(c.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(c.out())
                .contains(pack.resolve("cases/three.yaml") + ":3:76: error: ")
                .contains(":7:22: error: ")
                .contains(":10:29: error: ")
                .contains("3 error(s) in the case files");
        Result sarif = run("check", "--no-analysis", "--format", "sarif", pack.toString());
        assertThat(sarif.out()).contains("\"startLine\":10").contains("clearance.cases");

        // a missing case file: exit 3
        assertThat(run("test", "default", tmp.resolve("none.yaml").toString()).code())
                .isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void missingPackDirectory_isInvalidInput_exit3_inOneLine() {
        Path absent = tmp.resolve("no-such-pack");
        for (String[] args : new String[][] {
            {"check", absent.toString()},
            {"check", "--format", "json", absent.toString()},
            {"diff", absent.toString()}
        }) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.err().lines())
                    .singleElement()
                    .satisfies(l -> assertThat(l)
                            .startsWith("clearance: no such pack: " + absent)
                            .doesNotContain("jar file"));
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void dslrLineMatchingNoSentence_namesTheNearest_rawOnlyWhenVerbose() throws Exception {
        Path pack = tmp.resolve("dsl-pack");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("pack.yaml"), "id: dsl\nversion: \"1\"\ndsl: builtin\n");
        Files.writeString(pack.resolve("rules.dslr"), """
                package dsl;
                import dev.clearance.*;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;

                rule "r"
                when
                    the destinaton trains on data
                then
                    deny because "it trains"
                end
                """);
        Result r = run("check", pack.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out())
                .contains(pack.resolve("rules.dslr") + ":8:5: error: no DSL sentence matches 'the destinaton trains on"
                        + " data'; did you mean 'the destination trains on data'?")
                .doesNotContain("ERR 102")
                .doesNotContain("mismatched")
                .doesNotContain("Unable to expand");
        Result verbose = run("check", "--verbose", pack.toString());
        assertThat(verbose.out()).contains("    engine: [8] Unable to expand");
    }
}
