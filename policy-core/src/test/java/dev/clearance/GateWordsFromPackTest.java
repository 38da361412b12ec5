package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A pack's context words of a gated identifier open its gate too (one mechanism of context words). */
class GateWordsFromPackTest {
    private static final String NUMBER = "C01234567";

    private static boolean passportIn(ContentScanner scanner, String text) {
        return scanner.scan(text).stream().anyMatch(f -> f.type().equals("US_PASSPORT"));
    }

    @Test
    void aPackWordOpensTheGateOfItsTypeOnly() {
        ContentScanner plain = ContentScanner.builder().addDefaults().build();
        ContentScanner extended = ContentScanner.builder()
                .addDefaults()
                .tuning(DetectionTuning.builder()
                        .contextWords("US_PASSPORT", List.of("Ausweisnummer"), 0.1, 40)
                        .build())
                .build();
        String text = "Ausweisnummer " + NUMBER;
        assertThat(passportIn(plain, "passport " + NUMBER)).isTrue();
        assertThat(passportIn(plain, text)).isFalse();
        assertThat(passportIn(extended, text)).isTrue();
        assertThat(passportIn(extended, "Reference " + NUMBER)).isFalse();
    }

    @Test
    void aLoweringEntryOrAnotherTypeOpensNoGate() {
        ContentScanner scanner = ContentScanner.builder()
                .addDefaults()
                .tuning(DetectionTuning.builder()
                        .contextWords("US_PASSPORT", List.of("Ausweisnummer"), -0.1, 40)
                        .contextWords("PHONE_NUMBER", List.of("Kennung"), 0.1, 40)
                        .build())
                .build();
        assertThat(passportIn(scanner, "Ausweisnummer " + NUMBER)).isFalse();
        assertThat(passportIn(scanner, "Kennung " + NUMBER)).isFalse();
    }
}
