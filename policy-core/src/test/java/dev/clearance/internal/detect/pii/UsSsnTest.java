package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsSsnTest {
    private final UsSsn recognizer = new UsSsn();

    @ParameterizedTest
    @ValueSource(strings = {"123-45-6789", "123 45 6789", "123.45.6789", "123-456789", "12345-6789", "123456789"})
    void acceptsIssuedRangesInSsnShapes(String group) {
        assertThat(Recognize.group(recognizer, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "000-12-3456",
                "666-12-3456",
                "912-70-1234",
                "123-00-4567",
                "123-45-0000",
                "111-11-1111",
                "12-345-6789",
                "123-45 6789"
            })
    void rejectsUnissuedRangesAndOtherShapes(String group) {
        assertThat(Recognize.group(recognizer, group)).isFalse();
    }

    @Test
    void looseShapesAreLessSure() {
        assertThat(Recognize.confidence(recognizer, "123-45-6789")).isEqualTo(0.85);
        assertThat(Recognize.confidence(recognizer, "123456789")).isEqualTo(0.4);
    }
}
