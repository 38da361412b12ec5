package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in context words of the personal-data recognizers go through {@link DetectionTuning}, the mechanism a
 * pack's {@code tuning.context} uses: a word naming the identifier raises its confidence, in four languages; an SSN
 * with no such word loses some; a pack's entries apply after them.
 */
class PiiContextWordsTest {
    /** The SSA's example number from its own publications, written in the usual form. */
    private static final String SSN = "078-05-1120";

    private static double ssnConfidence(ContentScanner scanner, String text) {
        return scanner.scan(text).stream()
                .filter(f -> f.type().equals("US_SSN"))
                .findFirst()
                .orElseThrow()
                .confidence();
    }

    private static double detected(String text) {
        return ContentScanner.defaults().explain(text).stream()
                .filter(e -> e.finding().type().equals("US_SSN"))
                .findFirst()
                .orElseThrow()
                .detected();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SSN: %s",
                "my social security number is %s",
                "Sozialversicherungsnummer %s",
                "numéro de sécurité sociale : %s",
                "número de seguro social %s"
            })
    void aWordNamingTheNumber_raisesItsConfidence(String template) {
        String text = template.formatted(SSN);
        assertThat(ssnConfidence(ContentScanner.defaults(), text)).isGreaterThan(detected(text));
    }

    @Test
    void theSameNumberWithoutContext_losesConfidence_andIsStillReported() {
        String text = "reference " + SSN + " attached";
        assertThat(ssnConfidence(ContentScanner.defaults(), text)).isLessThan(detected(text));
        assertThat(ContentScanner.defaults().explain(text))
                .filteredOn(e -> e.finding().type().equals("US_SSN"))
                .allSatisfy(e -> {
                    assertThat(e.kept()).isTrue();
                    assertThat(e.adjustments()).containsExactly("-0.10 with no context word near");
                });
    }

    @Test
    void withContext_beatsWithout() {
        assertThat(ssnConfidence(ContentScanner.defaults(), "SSN " + SSN))
                .isGreaterThan(ssnConfidence(ContentScanner.defaults(), "ref " + SSN));
    }

    @Test
    void aPacksEntries_applyAfterTheBuiltInOnes() {
        DetectionTuning pack = DetectionTuning.builder()
                .contextWords("US_SSN", List.of("sample"), -0.5, 40)
                .minConfidence("US_SSN", 0.5)
                .build();
        ContentScanner scanner =
                ContentScanner.builder().addDefaults().tuning(pack).build();
        assertThat(scanner.scan("SSN sample " + SSN)).noneMatch(f -> f.type().equals("US_SSN"));
        assertThat(scanner.scan("SSN " + SSN)).anyMatch(f -> f.type().equals("US_SSN"));
    }

    @Test
    void withoutContextWords_isTheAbsentEntry() {
        DetectionTuning t = DetectionTuning.builder()
                .withoutContextWords("EMAIL_ADDRESS", List.of("Mail"), -0.3, 20)
                .build();
        ContentScanner scanner =
                ContentScanner.builder().addDefaults().tuning(t).build();
        double near = scanner.scan("MAIL: ann@example.org").get(0).confidence();
        double far = scanner.scan("see ann@example.org").get(0).confidence();
        assertThat(far).isLessThan(near);
    }

    @Test
    void customDetectorsAlone_getNoBuiltInWords() {
        assertThat(ContentScanner.builder().build().tuning().isEmpty()).isTrue();
        assertThat(ContentScanner.defaults().tuning().isEmpty()).isFalse();
    }
}
