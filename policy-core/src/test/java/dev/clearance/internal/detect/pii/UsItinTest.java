package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsItinTest {
    private final UsItin recognizer = new UsItin();

    @ParameterizedTest
    @ValueSource(strings = {"912-70-1234", "900-50-0001", "999-99-9998", "912-94-1234", "912701234"})
    void acceptsNineHundredsWithItinGroups(String group) {
        assertThat(Recognize.group(recognizer, group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"912-49-1234", "912-66-1234", "912-89-1234", "912-93-1234", "812-70-1234", "912-70 1234"})
    void rejectsOtherGroupsAndShapes(String group) {
        assertThat(Recognize.group(recognizer, group)).isFalse();
    }
}
