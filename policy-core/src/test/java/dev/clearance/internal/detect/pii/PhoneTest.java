package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneTest {
    private final Phone recognizer = new Phone();

    // libphonenumber's documented example numbers and reserved fictional ranges (Ofcom drama numbers, NANP 555-01xx)
    @ParameterizedTest
    @ValueSource(
            strings = {
                "+1 201 555 0123",
                "+4930123456",
                "(201) 555-0123",
                "201-555-0123",
                "201.555.0123",
                "020 7946 0018",
                "07700 900123",
                "030 123456",
                "01 23 45 67 89",
                "0201234567",
                "+44 20 7946 0018",
                "+41 (0)44 668 18 00",
                "+44 7700 900 123"
            })
    void acceptsValidNumbersWrittenAsPhones(String group) {
        assertThat(Recognize.group(recognizer, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-01-31",
                "31.01.2024",
                "1 000 000",
                "12/03/2024",
                "2015550123",
                "201-555-0123-99999",
                "+1234567",
                "000-12-3456",
                "219-09-9999",
                "2024-01-31 10",
                "10115 5",
                "75001-123",
                "+999 201 555 0123",
                "+1 201 55"
            })
    void rejectsDatesThousandsSsnShapesCompactRunsAndInvalidNumbers(String group) {
        assertThat(Recognize.group(recognizer, group)).isFalse();
    }

    @Test
    void internationalFormsAreSurer() {
        assertThat(Recognize.confidence(recognizer, "+1 201 555 0123")).isEqualTo(0.8);
        assertThat(Recognize.confidence(recognizer, "201-555-0123")).isEqualTo(0.6);
    }

    @Test
    void anInternationalNumberOfAPossibleLengthOnlyIsLessSure() {
        assertThat(Recognize.group(recognizer, "+44 7700 999 999")).isTrue();
        assertThat(Recognize.confidence(recognizer, "+44 7700 999 999")).isEqualTo(0.5);
    }

    @Test
    void nationalNumbersAreReadInTheConfiguredRegionsOnly() {
        Phone usOnly = new Phone(List.of("us"));
        assertThat(usOnly.regions()).containsExactly("US");
        assertThat(usOnly.matches(DigitGroup.of("201-555-0123"))).isTrue();
        assertThat(usOnly.matches(DigitGroup.of("020 7946 0018"))).isFalse();
        assertThat(usOnly.matches(DigitGroup.of("+44 20 7946 0018"))).isTrue();
    }

    @Test
    void rejectsUnknownRegions() {
        assertThatThrownBy(() -> new Phone(List.of("XX"))).isInstanceOf(IllegalArgumentException.class);
    }
}
