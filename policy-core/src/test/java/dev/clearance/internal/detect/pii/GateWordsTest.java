package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GateWordsTest {
    @Test
    void theGateWordsLiveInTheOneTableOfContextWords() {
        assertThat(PiiContextWords.gatedTypes())
                .containsExactlyInAnyOrder(
                        "US_PASSPORT",
                        "US_DRIVER_LICENSE",
                        "ABA_ROUTING_NUMBER",
                        "CA_SIN",
                        "AU_TFN",
                        "NL_BSN",
                        "BR_CPF",
                        "BR_CNPJ");
        for (String type : PiiContextWords.gatedTypes()) {
            assertThat(PiiContextWords.words(type)).as(type).isNotEmpty();
        }
        assertThat(PiiContextWords.words("ABA_ROUTING_NUMBER")).contains("routing");
    }

    @Test
    void aGateOpensOnlyAfterOneOfItsWords() {
        String text = "Reisepass: C0000000";
        assertThat(PiiContextWords.gate("US_PASSPORT", text, text.indexOf('C'))).isTrue();
        String other = "Reference: C0000000";
        assertThat(PiiContextWords.gate("US_PASSPORT", other, other.indexOf('C')))
                .isFalse();
        assertThatThrownBy(() -> PiiContextWords.gate("EMAIL_ADDRESS", text, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gatesAreNoConfidenceEntries() {
        assertThat(PiiContextWords.tuning().explain("routing 000000000", java.util.List.of()))
                .isEmpty();
    }
}
