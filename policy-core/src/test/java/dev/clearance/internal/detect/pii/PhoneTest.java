package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    private boolean inText(String text, String group) {
        int start = text.indexOf(group);
        return recognizer.matches(new DigitGroup(text, start, start + group.length()));
    }

    // local numbers (no area code) libphonenumber cannot validate: only after a word naming a phone
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Phone: 555 0123|555 0123",
                "call me on 5550 1234 tomorrow|5550 1234",
                "Mobile: 55 501 234|55 501 234",
                "Fax 5550123456|5550123456",
                "Telefon: 555 01 23|555 01 23",
                "téléphone 55 50 12 34|55 50 12 34"
            })
    void acceptsLocalNumbersAfterAPhoneWord(String text, String group) {
        assertThat(inText(text, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"555 0123", "5550 1234", "55 501 234", "5550123456"})
    void aLocalNumberWithoutAPhoneWordIsNoPhone(String group) {
        assertThat(inText("Ref " + group, group)).isFalse();
        assertThat(inText("phone " + group, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"phone 000-12-3456", "call 219-09-9999", "phone 2024-01-31", "tel 12/03/2024", "call 555 5555"})
    void aPhoneWordDoesNotMakeAnSsnOrDateShapeAPhone(String text) {
        String group = text.substring(text.indexOf(' ') + 1);
        assertThat(inText(text, group)).isFalse();
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
