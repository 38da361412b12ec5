package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EsNifTest {
    private final EsNif recognizer = new EsNif();

    @ParameterizedTest
    @ValueSource(strings = {"45678123P", "4567812N", "45678123-P", "45678123p"})
    void reportsValidIdentifiers(String word) {
        assertThat(Recognize.word(recognizer, word)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("ES_NIF");
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(word.length());
            assertThat(f.highRisk()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"45678123D", "456781231", "A5678123P", "4567.8123P"})
    void rejectsWrongCheckCharactersAndShapes(String word) {
        assertThat(Recognize.word(recognizer, word)).isEmpty();
    }
}
