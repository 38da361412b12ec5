package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.pack.RulePack;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A table of broken packs and the author-facing message each gives, with its line and column. */
class DrlErrorsTest {
    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of(
                        "unknown field",
                        "rule \"r\" when\n    Destination( trainOnData )\nthen\n    verdict.allow();\nend\n",
                        "unknown field 'trainOnData' on Destination; did you mean 'trainsOnData'?",
                        6),
                Arguments.of(
                        "unknown enum constant",
                        "rule \"r\" when\n    Destination( tier == Tier.ENTERPRIZE )\nthen\n    verdict.allow();\nend\n",
                        "unknown enum constant 'ENTERPRIZE' of Tier; did you mean 'ENTERPRISE'?",
                        6),
                Arguments.of(
                        "unknown fact type",
                        "rule \"r\" when\n    Destinaton( )\nthen\n    verdict.allow();\nend\n",
                        "unknown fact type 'Destinaton'; did you mean 'Destination'?",
                        6),
                Arguments.of(
                        "unknown verdict method",
                        "rule \"r\" when\n    Data( )\nthen\n    verdict.deyn(\"no\");\nend\n",
                        "unknown method 'deyn' on Verdict; did you mean 'deny'?",
                        8),
                Arguments.of(
                        "unknown field on a finding",
                        "rule \"r\" when\n    $f : Finding( hihgRisk )\nthen\n    verdict.redact($f);\nend\n",
                        "unknown field 'hihgRisk' on Finding; did you mean 'highRisk'?",
                        6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenPack_givesAnActionableMessage(String what, String rules, String expected, int line) {
        RulePack pack = RulePack.builder("broken", "1")
                .drl("rules/broken.drl", TestPacks.HEADER + rules)
                .build();
        RulePackCompilationException e = null;
        try {
            PolicyEngine.builder().rulePack(pack).build();
        } catch (RulePackCompilationException thrown) {
            e = thrown;
        }
        assertThat(e).as(what).isNotNull();
        List<Diagnostic> ds = e.diagnostics();
        assertThat(ds).as(what).anySatisfy(d -> {
            assertThat(d.message()).isEqualTo(expected);
            assertThat(d.resource()).isEqualTo("rules/broken.drl");
            if (line > 0) {
                assertThat(d.line()).isEqualTo(line);
                assertThat(d.column()).isPositive();
            }
            if (d.detail() != null) { // the engine's own message, for --verbose
                assertThat(d.detail()).isNotEqualTo(expected);
            }
        });
    }
}
