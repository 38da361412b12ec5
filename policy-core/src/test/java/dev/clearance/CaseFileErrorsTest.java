package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.authoring.PolicyCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case file with several problems reports every one, each at the line and column of what it is about. */
class CaseFileErrorsTest {
    @TempDir
    Path tmp;

    private static final String YAML = """
            cases:
              - name: first
                request:
                  destination: {product: "openai:api"}
                  data: {classification: SECRETISH}
                expect:
                  effect: DENY
              - name: second
                request:
                  destination: {product: "openai:api"}
                expect:
                  effect: BLOCK
              - name: third
                request:
                  destination: {product: "openai:api"}
                expect:
                  effect: ALLOW
                  why: because
              - name: fine
                request:
                  destination: {product: "openai:api"}
                expect:
                  effect: ALLOW
            """;

    private static final String JSON = """
            {"cases": [
              {"name": "first",
               "request": {"destination": {"product": "openai:api"}, "data": {"classification": "SECRETISH"}},
               "expect": {"effect": "DENY"}},
              {"name": "second",
               "request": {"destination": {"product": "openai:api"}},
               "expect": {"effect": "BLOCK"}},
              {"name": "third",
               "request": {"destination": {"product": "openai:api"}},
               "expect": {"effect": "ALLOW", "why": "because"}}
            ]}
            """;

    /** 1-based line and column of the first {@code token} (a JSON string starts at its quote) on the line holding it (after {@code after}, if given). */
    private static int[] at(String text, String token, String after) {
        int from = after == null ? 0 : text.indexOf(after);
        int i = text.indexOf(token, from);
        int line = (int) text.substring(0, i).chars().filter(c -> c == '\n').count() + 1;
        int column = i - text.lastIndexOf('\n', i - 1);
        return new int[] {line, column};
    }

    private void expectThreeProblems(String name, String text, String q) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        List<Diagnostic> ds = PolicyCases.check(file);
        assertThat(ds).hasSize(3);
        assertThat(ds).allSatisfy(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.resource()).isEqualTo(file.toString());
            // never a request's value
            assertThat(d.message()).doesNotContain("SECRETISH");
        });

        int[] classification = at(text, q + "SECRETISH", null);
        assertThat(ds.get(0).ruleId()).isEqualTo("cases[0].request.data.classification");
        assertThat(ds.get(0).message()).contains("case 'first'").contains("data.classification");
        assertThat(new int[] {ds.get(0).line(), ds.get(0).column()}).containsExactly(classification);

        int[] effect = at(text, q + "BLOCK", null);
        assertThat(ds.get(1).ruleId()).isEqualTo("cases[1].expect.effect");
        assertThat(ds.get(1).message()).contains("cases[1].expect.effect").contains("ALLOW");
        assertThat(new int[] {ds.get(1).line(), ds.get(1).column()}).containsExactly(effect);

        int[] why = at(text, q + "why", "third");
        assertThat(ds.get(2).ruleId()).isEqualTo("cases[2].expect.why");
        assertThat(ds.get(2).message()).startsWith("unknown field 'cases[2].expect.why'");
        assertThat(new int[] {ds.get(2).line(), ds.get(2).column()}).containsExactly(why);

        // load throws with all three, one file:line:col line each
        assertThatThrownBy(() -> PolicyCases.load(file))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList())
                        .containsExactly(ds.stream().map(Diagnostic::format).toArray(String[]::new)))
                .hasMessageStartingWith(file + ":" + classification[0] + ":" + classification[1] + ": error: ");
    }

    @Test
    void yaml_everyProblemWithLineAndColumn() throws IOException {
        expectThreeProblems("cases.yaml", YAML, "");
    }

    @Test
    void json_everyProblemWithLineAndColumn() throws IOException {
        expectThreeProblems("cases.json", JSON, "\"");
    }

    @Test
    void syntaxError_oneProblemAtItsPlace() throws IOException {
        Path file = tmp.resolve("broken.yaml");
        Files.writeString(file, "cases:\n  - name: a\n    request: {destination: {product: x}\n");
        List<Diagnostic> ds = PolicyCases.check(file);
        assertThat(ds).hasSize(1);
        assertThat(ds.get(0).line()).isGreaterThanOrEqualTo(3);
        assertThat(ds.get(0).column()).isPositive();
    }

    @Test
    void validFile_noProblems_andLoads() throws IOException {
        Path file = tmp.resolve("ok.yaml");
        Files.writeString(
                file,
                "cases:\n  - name: a\n    request: {destination: {product: \"openai:api\"}}\n"
                        + "    expect: {effect: ALLOW}\n");
        assertThat(PolicyCases.check(file)).isEmpty();
        assertThat(PolicyCases.load(file))
                .singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("a"));
    }
}
