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
            Map.entry("phone", "+1 201 555 0123"),
            Map.entry("uk-nino", "AB123456C"),
            Map.entry("in-pan", "ABCPE1234F"),
            Map.entry("swift-code", "DEUTDEFF500"),
            Map.entry("us-passport", "340020013"),
            Map.entry("us-driver-license", "D1234567"),
            Map.entry("de-tax-id", "65981274391"),
            Map.entry("fr-nir", "1 85 05 78 006 048 30"),
            Map.entry("nl-bsn", "1234.56.782"),
            Map.entry("ca-sin", "135 792 463"),
            Map.entry("au-tfn", "123 456 782"),
            Map.entry("aba-routing", "111000025"),
            Map.entry("br-cpf", "987.654.321-00"),
            Map.entry("br-cnpj", "11.222.333/0001-81"));

    /** The word a sample needs before it, for the types reported only after one. */
    private static final Map<String, String> CONTEXT =
            Map.of("us-passport", "passport", "us-driver-license", "driver's license", "aba-routing", "routing number");

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
                .containsExactly("iban", "fi-hetu", "es-nif", "es-nie", "swift-code", "us-driver-license");
        assertThat(byLength[3]).isEmpty();
        DigitGroupRecognizer[][] byDigits = PiiRecognizers.byDigits();
        assertThat(byDigits[9])
                .extracting(r -> r.kind().rule())
                .containsExactly("nl-bsn", "ca-sin", "au-tfn", "aba-routing", "us-ssn", "us-itin", "phone");
        assertThat(byDigits[6]).isEmpty();
    }

    @Test
    void theDefaultScannerFindsEachRegisteredType() {
        ContentScanner scanner = ContentScanner.defaults();
        SAMPLES.forEach((rule, sample) -> {
            String before = CONTEXT.getOrDefault(rule, "see") + " ";
            List<Finding> found = scanner.scan(before + sample + " here");
            assertThat(found).as(rule).anySatisfy(f -> {
                assertThat(f.rule()).isEqualTo(rule);
                assertThat(f.start()).isEqualTo(before.length());
                assertThat(f.end()).isEqualTo(before.length() + sample.length());
            });
        });
    }
}
