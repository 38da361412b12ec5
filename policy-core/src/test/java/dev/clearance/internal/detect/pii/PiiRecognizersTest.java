package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry: each recognizer listed once, with a sane gate, and found end to end by the default scanner. */
class PiiRecognizersTest {
    /** One sample per registered rule; a recognizer added to the registry needs one here. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("iban", "DE89370400440532013000"),
            Map.entry("fi-hetu", "150387-246F"),
            Map.entry("es-nif", "45678123P"),
            Map.entry("es-nie", "Y7654321G"),
            Map.entry("sg-nric", "S1234567D"),
            Map.entry("it-fiscal-code", "BNCLGU90A41H501G"),
            Map.entry("bitcoin", "1eBMeTpiB6V3JQLTvaK3u944WAVRfVGmK"),
            Map.entry("credit-card", "4000 1234 5678 9017"),
            Map.entry("us-ssn", "123-45-6789"),
            Map.entry("us-itin", "912-70-1234"),
            Map.entry("in-aadhaar", "2736 4819 5026"),
            Map.entry("uk-nhs", "401 023 2137"),
            Map.entry("pl-pesel", "90011501236"),
            Map.entry("phone", "+1 555 010 9999"));

    @Test
    void eachRecognizerIsListedOnceWithItsOwnRule() {
        Set<Class<?>> classes = new HashSet<>();
        Set<String> rules = new HashSet<>();
        for (PiiRecognizer r : PiiRecognizers.ALL) {
            assertThat(classes.add(r.getClass()))
                    .as(r.getClass().getSimpleName())
                    .isTrue();
            assertThat(rules.add(r.kind().rule())).as(r.kind().rule()).isTrue();
        }
        assertThat(rules).isEqualTo(SAMPLES.keySet());
    }

    @Test
    void gatesAreNonEmptyRanges() {
        for (PiiRecognizer r : PiiRecognizers.ALL) {
            if (r instanceof WordRecognizer w) {
                assertThat(w.minLength()).isPositive().isLessThanOrEqualTo(w.maxLength());
            } else if (r instanceof DigitGroupRecognizer d) {
                assertThat(d.minDigits()).isPositive().isLessThanOrEqualTo(d.maxDigits());
            }
        }
    }

    @Test
    void lengthTablesHoldExactlyTheAdmittedRecognizersInRegistryOrder() {
        WordRecognizer[][] byLength = PiiRecognizers.byLength(WordPass.MAX_WORD);
        assertThat(byLength[11])
                .extracting(r -> r.kind().rule())
                .containsExactly("iban", "fi-hetu", "es-nif", "es-nie");
        assertThat(byLength[3]).isEmpty();
        DigitGroupRecognizer[][] byDigits = PiiRecognizers.byDigits();
        assertThat(byDigits[9]).extracting(r -> r.kind().rule()).containsExactly("us-ssn", "us-itin", "phone");
        assertThat(byDigits[6]).isEmpty();
    }

    @Test
    void theDefaultScannerFindsEachRegisteredType() {
        ContentScanner scanner = ContentScanner.defaults();
        SAMPLES.forEach((rule, sample) -> {
            List<Finding> found = scanner.scan("see " + sample + " here");
            assertThat(found).as(rule).anySatisfy(f -> {
                assertThat(f.rule()).isEqualTo(rule);
                assertThat(f.start()).isEqualTo(4);
                assertThat(f.end()).isEqualTo(4 + sample.length());
            });
        });
    }
}
