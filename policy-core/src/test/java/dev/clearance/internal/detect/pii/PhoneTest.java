package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneTest {
    private final Phone recognizer = new Phone();

    @ParameterizedTest
    @ValueSource(
            strings = {"+1 555 010 9999", "+4930123456", "(555) 010-9999", "555-010-9999", "555.010.9999", "0555 01099"
            })
    void acceptsInternationalAreaCodeAndGroupedNumbers(String group) {
        assertThat(Recognize.group(recognizer, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"2024-01-31", "31.01.2024", "1 000 000", "12/03/2024", "5550109999", "555-0109999999", "+1234567"
            })
    void rejectsDatesThousandsCompactRunsAndLongGroups(String group) {
        assertThat(Recognize.group(recognizer, group)).isFalse();
    }

    @Test
    void internationalFormsAreSurer() {
        assertThat(Recognize.confidence(recognizer, "+1 555 010 9999")).isEqualTo(0.8);
        assertThat(Recognize.confidence(recognizer, "555-010-9999")).isEqualTo(0.6);
    }
}
