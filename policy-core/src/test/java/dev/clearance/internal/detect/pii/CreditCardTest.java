package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCardTest {
    private final CreditCard recognizer = new CreditCard();

    @ParameterizedTest
    @ValueSource(strings = {"4000123456789017", "4000 1234 5678 9017", "4000-1234-5678-9017", "371234567890120"})
    void acceptsLuhnValidNumbersCompactOrInFours(String group) {
        assertThat(Recognize.group(recognizer, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4000123456789018",
                "9000123456789017",
                "4000 1234-5678 9017",
                "400 012 3456789017",
                "4444444444444444"
            })
    void rejectsBadChecksumsUnknownIssuersAndOtherShapes(String group) {
        assertThat(Recognize.group(recognizer, group)).isFalse();
    }
}
