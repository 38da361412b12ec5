package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UkNhsTest {
    private final UkNhs recognizer = new UkNhs();

    @ParameterizedTest
    @ValueSource(strings = {"4010232137", "401 023 2137", "401-023-2137"})
    void acceptsMod11ValidNumbers(String group) {
        assertThat(Recognize.group(recognizer, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4010232138", "40102 32137", "5555555555"})
    void rejectsBadCheckDigitsAndOtherShapes(String group) {
        assertThat(Recognize.group(recognizer, group)).isFalse();
    }

    @Test
    void leavesTheGroupOpenToAPhoneReading() {
        assertThat(recognizer.exclusive()).isFalse();
    }
}
