package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A DSLR line that matches no DSL sentence: one message naming the nearest sentence, not the parser's errors. */
class DslSentenceErrorsTest {
    private static final String HEADER = """
            package dsl.typo;
            import dev.clearance.*;
            import dev.clearance.facts.*;
            global dev.clearance.facts.Verdict verdict;

            """;

    private static List<Diagnostic> compile(String rules) {
        RulePack pack = RulePack.builder("dsl", "1")
                .builtinDsl()
                .file(RuleFile.of("rules/typo.dslr", HEADER + rules))
                .build();
        try {
            PolicyEngine.builder().rulePack(pack).build();
        } catch (RulePackCompilationException e) {
            return e.diagnostics();
        }
        throw new AssertionError("the pack compiled");
    }

    @Test
    void conditionTypo_namesTheNearestConditionSentence_withItsPlaceholder() {
        List<Diagnostic> ds = compile("""
                rule "r"
                when
                    the dat is PUBLIC
                then
                    allow the request
                end
                """);
        assertThat(ds).singleElement().satisfies(d -> {
            assertThat(d.format())
                    .isEqualTo("rules/typo.dslr:8:5: error: no DSL sentence matches 'the dat is PUBLIC';"
                            + " did you mean 'the data is {classification}'?");
            assertThat(d.detail()).contains("Unable to expand");
        });
        assertThat(ds)
                .noneSatisfy(d -> assertThat(d.message()).contains("ERR 102").contains("mismatched"));
    }

    @Test
    void consequenceTypo_isMatchedAgainstConsequenceSentences_andEveryBadLineIsReported() {
        List<Diagnostic> ds = compile("""
                rule "r"
                when
                    there is a secrte
                then
                    deny becuase "secrets stay here"
                end
                """);
        assertThat(ds)
                .extracting(Diagnostic::format)
                .containsExactly(
                        "rules/typo.dslr:8:5: error: no DSL sentence matches 'there is a secrte';"
                                + " did you mean 'there is a secret'?",
                        "rules/typo.dslr:10:5: error: no DSL sentence matches 'deny becuase \"secrets stay here\"';"
                                + " did you mean 'deny because \"{message}\"'?");
    }
}
