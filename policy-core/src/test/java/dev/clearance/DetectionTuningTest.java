package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allow-lists, context words and minimum confidences, in code and in {@code pack.yaml}. */
class DetectionTuningTest {
    private static final String KEY = "AKIA" + "Q7WZ3XK5M2N4P3R6";
    private static final String TEXT = "staging: aws_access_key_id = " + KEY + "\n";

    @TempDir
    Path dir;

    private static List<Finding> secrets(ContentScanner scanner, String text) {
        return scanner.scan(text).stream()
                .filter(f -> f.category() == FindingCategory.SECRET)
                .toList();
    }

    private static ContentScanner scanner(DetectionTuning tuning) {
        return ContentScanner.builder().addDefaults().tuning(tuning).build();
    }

    @Test
    void withoutTuningTheKeyIsFound() {
        assertThat(secrets(scanner(DetectionTuning.none()), TEXT)).isNotEmpty();
    }

    @Test
    void exactValuesAndPatternsAreAllowListedPerSelector() {
        assertThat(secrets(
                        scanner(DetectionTuning.builder()
                                .allowValue("SECRET", KEY)
                                .build()),
                        TEXT))
                .isEmpty();
        assertThat(secrets(
                        scanner(DetectionTuning.builder()
                                .allowPattern("*", "AKIAQ7WZ[A-Z0-9]{12}")
                                .build()),
                        TEXT))
                .isEmpty();
        // a selector of another type or rule leaves it alone; a pattern must match the whole value
        assertThat(secrets(
                        scanner(DetectionTuning.builder()
                                .allowValue("EMAIL_ADDRESS", KEY)
                                .build()),
                        TEXT))
                .isNotEmpty();
        assertThat(secrets(
                        scanner(DetectionTuning.builder()
                                .allowPattern("SECRET", "AKIA")
                                .build()),
                        TEXT))
                .isNotEmpty();
    }

    @Test
    void contextWordsRaiseOrLowerWithinTheirWindowAndMinimumsDrop() {
        double base = secrets(scanner(DetectionTuning.none()), TEXT).get(0).confidence();
        DetectionTuning lower = DetectionTuning.builder()
                .contextWords("SECRET", List.of("staging"), -0.5, 40)
                .build();
        assertThat(secrets(scanner(lower), TEXT).get(0).confidence()).isEqualTo(Math.max(0, base - 0.5));
        DetectionTuning far = DetectionTuning.builder()
                .contextWords("SECRET", List.of("staging"), -0.5, 5)
                .build();
        assertThat(secrets(scanner(far), TEXT).get(0).confidence()).isEqualTo(base);
        // whole words only: "stag" does not occur as a word
        DetectionTuning part = DetectionTuning.builder()
                .contextWords("SECRET", List.of("stag"), -0.5, 40)
                .build();
        assertThat(secrets(scanner(part), TEXT).get(0).confidence()).isEqualTo(base);
        DetectionTuning dropped = DetectionTuning.builder()
                .contextWords("aws-access-token", List.of("staging"), -0.5, 40)
                .minConfidence("SECRET", 0.6)
                .build();
        assertThat(secrets(scanner(dropped), TEXT)).isEmpty();
        assertThat(scanner(dropped).explain(TEXT)).anySatisfy(e -> {
            assertThat(e.outcome()).isEqualTo("below-minimum");
            assertThat(e.adjustments()).containsExactly("-0.50 near \"staging\"");
        });
    }

    @Test
    void invalidEntriesAreRejectedWithoutTheirValue() {
        assertThatThrownBy(() -> DetectionTuning.builder().allowPattern("*", "(unclosed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("unclosed");
        assertThatThrownBy(() -> DetectionTuning.builder().minConfidence("*", 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DetectionTuning.builder().contextWords("*", List.of("a"), 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void pack(String tuning) throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: t\nversion: \"1\"\n" + tuning);
        Files.writeString(
                dir.resolve("a.drl"), TestPacks.HEADER + "rule \"allow\" when Data() then verdict.allow(); end\n");
    }

    @Test
    void packYamlTuningReachesTheEngineScanner() throws IOException {
        pack("""
                tuning:
                  allow:
                    - {type: SECRET, values: ["%s"]}
                  minConfidence: {EMAIL_ADDRESS: 0.99}
                """.formatted(KEY));
        RulePack p = RulePack.load(dir);
        assertThat(p.tuning().isEmpty()).isFalse();
        PolicyEngine engine = PolicyEngine.builder().rulePack(p).build();
        assertThat(engine.scan(TEXT)).noneMatch(f -> f.category() == FindingCategory.SECRET);
    }

    @Test
    void packYamlErrorsNameTheKeyPathNotTheValue() throws IOException {
        pack("""
                tuning:
                  allow:
                    - {type: SECRET, patterns: ["ok[0-9]+", "sk_(live"]}
                  context:
                    - {words: [test], confidence: 3}
                  minConfidence: {SECRET: -1}
                """);
        assertThatThrownBy(() -> RulePack.load(dir)).isInstanceOfSatisfying(RulePackCompilationException.class, e -> {
            String all = e.diagnostics().toString();
            assertThat(all)
                    .contains("tuning.allow[0].patterns[1]")
                    .contains("tuning.context[0]")
                    .contains("tuning.minConfidence.SECRET")
                    .doesNotContain("sk_(live");
        });
    }

    @Test
    void packYamlUnknownTuningKeyIsRejected() throws IOException {
        pack("tuning:\n  allowlist: []\n");
        assertThatThrownBy(() -> RulePack.load(dir))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("allowlist");
    }
}
