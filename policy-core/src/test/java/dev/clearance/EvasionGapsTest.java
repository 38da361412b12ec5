package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The earlier-listed evasion classes of hardening item 6 not yet covered one by one: spelled-out e-mails without
 * brackets, Diners 4-6-4 grouping and other separators, non-ASCII digits in SSNs and IBANs, password keywords in
 * more languages, and an SSN or IBAN in a URL staying high-risk. All values are made up (check digits computed for
 * the test).
 */
class EvasionGapsTest {
    private static final ContentScanner SCANNER = ContentScanner.defaults();
    private static final String CARD = "4539578123456789";
    private static final String SSN = "512-48-3907";
    private static final String IBAN = "DE29270100500123987654";

    private static void assertFound(String text, String hidden, String type) {
        int s = text.indexOf(hidden);
        assertThat(s).as("test setup").isNotNegative();
        assertThat(SCANNER.scan(text)).as("finding of " + type).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.start()).isLessThanOrEqualTo(s);
            assertThat(f.end()).isGreaterThanOrEqualTo(s + hidden.length());
        });
    }

    private static void assertNoType(String text, String type) {
        assertThat(SCANNER.scan(text)).noneSatisfy(f -> assertThat(f.type()).isEqualTo(type));
    }

    /** {@code value} with its ASCII digits replaced by the digits starting at {@code zero}. */
    private static String digits(String value, char zero) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (zero + (c - '0')) : c);
        }
        return out.toString();
    }

    @Test
    void emailSpelledOutWithWords_andContext_isFound() {
        String hidden = "maria.lopez at example dot com";
        assertFound("please email me at " + hidden + " before friday", hidden, "EMAIL_ADDRESS");
        String alt = "jan.kowalski AT example DOT org";
        assertFound("contact: " + alt, alt, "EMAIL_ADDRESS");
    }

    @Test
    void wordsAtAndDotInProse_areNoEmail() {
        assertNoType("we met at noon and looked at the dot on the map", "EMAIL_ADDRESS");
        assertNoType("the cat sat at home dot com was down", "EMAIL_ADDRESS");
    }

    @Test
    void dinersFourSixFourGrouping_isACard() {
        assertFound("diners 3056 930902 5904 exp 11/28", "3056 930902 5904", "CREDIT_CARD");
        assertFound("diners 3852-741963-0247 ok", "3852-741963-0247", "CREDIT_CARD");
        assertNoType("diners 3056 930902 5905 exp 11/28", "CREDIT_CARD");
    }

    @Test
    void cardGroupsSeparatedBySlashesOrNbsp_isACard() {
        assertFound("card 4539/5781/2345/6789 exp", "4539/5781/2345/6789", "CREDIT_CARD");
        assertFound("card 4539\u00A05781\u00A02345\u00A06789 exp", "4539\u00A05781\u00A02345\u00A06789", "CREDIT_CARD");
        assertNoType("card 4539/5781/2345/6780 exp", "CREDIT_CARD");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\uFF10', '\u0660', '\u0966'}) // fullwidth, Arabic-Indic, Devanagari zero
    void nonAsciiDigits_inCardSsnAndIban_areDigits(char zero) {
        String card = digits(CARD, zero);
        assertFound("card " + card + " thanks", card, "CREDIT_CARD");
        String ssn = digits(SSN, zero);
        assertFound("my ssn is " + ssn + " ok", ssn, "US_SSN");
        String iban = digits(IBAN, zero);
        assertFound("iban " + iban + " please", iban, "IBAN_CODE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Passwort",
                "Kennwort",
                "mot de passe",
                "mot_de_passe",
                "contraseña",
                "parola d'ordine",
                "senha",
                "wachtwoord",
                "lösenord",
                "salasana"
            })
    void passwordKeywordInOtherLanguages_isFound(String keyword) {
        String text = keyword + ": Qm7#vT2pLx9w";
        assertFound(text, "Qm7#vT2pLx9w", "SECRET");
    }

    @Test
    void ssnAndIbanInsideAUrl_keepTheirHighRiskType() {
        String text = "https://hr.example.com/people/" + SSN + "?iban=" + IBAN;
        List<Finding> found = SCANNER.scan(text);
        assertThat(found).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("US_SSN");
            assertThat(f.highRisk()).isTrue();
        });
        assertThat(found).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("IBAN_CODE");
            assertThat(f.highRisk()).isTrue();
        });
    }
}
