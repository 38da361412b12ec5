package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlPeselTest {
    private final PlPesel recognizer = new PlPesel();

    @ParameterizedTest
    @ValueSource(strings = {"90011501236", "05211501236"})
    void acceptsValidNumbersIncludingCenturyOffsets(String group) {
        assertThat(Recognize.group(recognizer, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"90011501237", "90131501231", "900115 01236"})
    void rejectsBadCheckDigitsImpossibleDatesAndSeparators(String group) {
        assertThat(Recognize.group(recognizer, group)).isFalse();
    }
}
