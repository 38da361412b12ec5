package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chains of digit groups: several identifiers in a row, irregular spacing, chains longer than one identifier. */
class DigitChainTest {
    private static final ContentScanner SCANNER = ContentScanner.defaults();

    private static List<String> found(String text, String type) {
        return SCANNER.scan(text).stream()
                .filter(f -> f.type().equals(type))
                .map(f -> text.substring(f.start(), f.end()))
                .toList();
    }

    @Test
    void cardFollowedByAnotherNumber_isStillFound() {
        assertThat(found("paid 4111 1111 1111 1111 219-09-9999", "CREDIT_CARD")).containsExactly("4111 1111 1111 1111");
    }

    @Test
    void fourCardsInARow_areFourFindings() {
        String card = "4111 1111 1111 1111";
        assertThat(found(String.join(" ", card, card, card, card), "CREDIT_CARD"))
                .hasSize(4);
    }

    @Test
    void doubleSpacesInsideAChain_neverThrow() {
        List<Finding> f = SCANNER.scan("EE38 2200 2210  014 5686 and 12  34   56 7");

        assertThat(f).allSatisfy(x -> assertThat(x.end()).isGreaterThan(x.start()));
    }

    @Test
    void longRunOfSingleDigits_findsNoCard() {
        assertThat(found("1 ".repeat(5000), "CREDIT_CARD")).isEmpty();
    }

    @Test
    void chainTooLongToSplit_isCoveredToItsEnd_failClosed() {
        // 1,000 pieces of two digits: the first ones split as usual, the rest one high-risk finding to the end
        String chain = "12 34 56 78 90 ".repeat(200).strip();
        String text = "numbers: " + chain + " end";
        List<Finding> found = SCANNER.scan(text);
        int chainEnd = text.indexOf(" end");
        assertThat(found).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("digit-chain-unsplit");
            assertThat(f.type()).isEqualTo("CREDIT_CARD");
            assertThat(f.highRisk()).isTrue();
            assertThat(f.end()).isEqualTo(chainEnd);
        });
        // the split part keeps its own findings (phone readings); only the cut-off rest is one finding, from the
        // first piece past the 256 the split examines (each piece "12 " is 3 chars)
        assertThat(found)
                .filteredOn(f -> f.rule().equals("digit-chain-unsplit"))
                .singleElement()
                .satisfies(f -> assertThat(f.start()).isEqualTo(text.indexOf(chain) + 256 * 3));
        assertThat(found)
                .filteredOn(f -> f.end() <= text.indexOf(chain) + 256 * 3)
                .isNotEmpty();
    }

    @Test
    void chainOfTwoHundredPieces_isSplitAsBefore() {
        String chain = "12 34 56 78 90 ".repeat(40).strip();
        assertThat(SCANNER.scan("numbers: " + chain))
                .isNotEmpty()
                .noneSatisfy(f -> assertThat(f.rule()).isEqualTo("digit-chain-unsplit"));
    }
}
