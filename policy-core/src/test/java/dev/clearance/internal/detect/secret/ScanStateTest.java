package dev.clearance.internal.detect.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScanStateTest {
    @Test
    void isWhitespace_agreesWithCharacterIsWhitespaceOnEveryChar() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            assertThat(ScanState.isWhitespace((char) c)).as("U+%04X", c).isEqualTo(Character.isWhitespace((char) c));
        }
    }
}
