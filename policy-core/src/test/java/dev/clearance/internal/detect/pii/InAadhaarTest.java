package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InAadhaarTest {
    private final InAadhaar recognizer = new InAadhaar();

    @ParameterizedTest
    @ValueSource(strings = {"273648195026", "2736 4819 5026", "2736-4819-5026"})
    void acceptsVerhoeffValidNumbers(String group) {
        assertThat(Recognize.group(recognizer, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"273648195027", "173648195026", "273648 195026", "+273648195026"})
    void rejectsBadCheckDigitsLeadingOneAndOtherShapes(String group) {
        assertThat(Recognize.group(recognizer, group)).isFalse();
    }
}
