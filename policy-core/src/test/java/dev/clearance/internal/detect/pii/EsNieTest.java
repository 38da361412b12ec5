package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EsNieTest {
    private final EsNie recognizer = new EsNie();

    @ParameterizedTest
    @ValueSource(strings = {"Y7654321G", "y7654321g", "Y7654321-G"})
    void reportsValidIdentifiers(String word) {
        assertThat(Recognize.word(recognizer, word)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("ES_NIE");
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(word.length());
            assertThat(f.highRisk()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Y7654321M", "W7654321G", "Y-7654321G"})
    void rejectsWrongCheckCharactersAndShapes(String word) {
        assertThat(Recognize.word(recognizer, word)).isEmpty();
    }
}
