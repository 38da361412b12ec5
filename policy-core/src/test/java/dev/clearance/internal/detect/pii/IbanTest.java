package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class IbanTest {
    private final Iban recognizer = new Iban();

    @Test
    void reportsCompactIbansOfTheirCountrysLength() {
        for (String iban : List.of("DE89370400440532013000", "FR1420041010050500013M02606")) {
            assertThat(Recognize.word(recognizer, iban)).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo("IBAN_CODE");
                assertThat(f.end()).isEqualTo(iban.length());
            });
        }
    }

    @Test
    void runsPastTheFirstWordWhenGrouped() {
        String text = "DE89 3704 0044 0532 0130 00";
        List<Finding> found = Recognize.word(recognizer, text);
        assertThat(found).singleElement().satisfies(f -> assertThat(f.end()).isEqualTo(text.length()));
    }

    @Test
    void rejectsBadCheckDigitsMixedCaseAndUnknownCountries() {
        assertThat(Recognize.word(recognizer, "DE90370400440532013000")).isEmpty();
        assertThat(Recognize.word(recognizer, "FR1420041010050500013M02m06")).isEmpty();
        assertThat(Recognize.word(recognizer, "QQ89370400440532013000")).isEmpty();
        assertThat(Recognize.word(recognizer, "DE8937040044053201300")).isEmpty();
    }
}
