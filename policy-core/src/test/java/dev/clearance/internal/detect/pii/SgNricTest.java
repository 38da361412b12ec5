package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SgNricTest {
    private final SgNric recognizer = new SgNric();

    @ParameterizedTest
    @ValueSource(strings = {"S1234567D", "T1234567J", "F1234567N", "M1234567K"})
    void reportsValidIdentifiers(String word) {
        assertThat(Recognize.word(recognizer, word)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("SG_NRIC_FIN");
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(word.length());
            assertThat(f.highRisk()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"S1234567A", "T1234567D", "A1234567D", "S12345678"})
    void rejectsWrongCheckCharactersAndShapes(String word) {
        assertThat(Recognize.word(recognizer, word)).isEmpty();
    }

    @Test
    void asksForLettersAndDigitsOnly() {
        assertThat(recognizer.alnumOnly()).isTrue();
        assertThat(recognizer.minLength()).isEqualTo(9);
        assertThat(recognizer.maxLength()).isEqualTo(9);
    }
}
