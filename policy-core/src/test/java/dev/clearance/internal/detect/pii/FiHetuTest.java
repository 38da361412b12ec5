package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FiHetuTest {
    private final FiHetu recognizer = new FiHetu();

    @ParameterizedTest
    @ValueSource(strings = {"150387-246F", "010205A073W"})
    void reportsValidIdentifiers(String word) {
        assertThat(Recognize.word(recognizer, word)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("FI_PERSONAL_IDENTITY_CODE");
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(word.length());
            assertThat(f.highRisk()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"150387-246H", "150387Q246F", "310287-246F", "1503X7-246F"})
    void rejectsWrongCheckCharactersAndShapes(String word) {
        assertThat(Recognize.word(recognizer, word)).isEmpty();
    }
}
