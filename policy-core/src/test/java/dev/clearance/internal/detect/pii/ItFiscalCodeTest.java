package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ItFiscalCodeTest {
    private final ItFiscalCode recognizer = new ItFiscalCode();

    @ParameterizedTest
    @ValueSource(strings = {"BNCLGU90A41H501G", "BNCLGU90A41H50MY"})
    void reportsValidIdentifiers(String word) {
        assertThat(Recognize.word(recognizer, word)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("IT_FISCAL_CODE");
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(word.length());
            assertThat(f.highRisk()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"BNCLGU90A41H501H", "BNCLGU90Z41H501G", "bnclgu90a41h501g", "BNCLGUABA41H501G"})
    void rejectsWrongCheckCharactersAndShapes(String word) {
        assertThat(Recognize.word(recognizer, word)).isEmpty();
    }
}
