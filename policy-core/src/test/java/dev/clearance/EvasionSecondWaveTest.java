package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evasions an attacker tries first (hardening item 6): a high-risk value inside a lower-risk one, the other half
 * of a multi-part credential, invisible and format characters, character references and escapes, nested encodings.
 * Each value is found with its own type and a span that covers it in the original text; a look-alike stays clean.
 * All values are made up (check digits computed for the test).
 */
class EvasionSecondWaveTest {
    private static final ContentScanner SCANNER = ContentScanner.defaults();
    private static final String GITHUB = "ghp_Xk9mT2qLw8vN4rB7cZ1pY5sD3fH6jA0gE2uK";
    private static final String CARD = "4539578123456789";
    private static final String SSN = "512-48-3907";
    private static final String IBAN = "DE29270100500123987654";

    private static List<Finding> scan(String text) {
        return SCANNER.scan(text);
    }

    /** Some finding of {@code type} covers {@code hidden} in {@code text}, and stays inside {@code [lo, hi)}. */
    private static void assertFound(String text, String hidden, String type) {
        int s = text.indexOf(hidden);
        assertThat(s).as("test setup").isNotNegative();
        assertThat(scan(text)).as("finding of " + type).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.start()).isLessThanOrEqualTo(s);
            assertThat(f.end()).isGreaterThanOrEqualTo(s + hidden.length());
        });
    }

    private static void assertExact(String text, String value, String type) {
        int s = text.indexOf(value);
        assertThat(s).as("test setup").isNotNegative();
        assertThat(scan(text))
                .as("finding of " + type)
                .anySatisfy(f -> assertThat(List.of(f.type(), f.start(), f.end()))
                        .isEqualTo(List.of(type, s, s + value.length())));
    }

    private static void assertNoType(String text, String type) {
        assertThat(scan(text)).noneSatisfy(f -> assertThat(f.type()).isEqualTo(type));
    }

    // (1) a high-risk identifier inside a URL keeps its type

    @Test
    void cardInAUrlQuery_isACreditCard() {
        assertExact("pay at https://shop.example.com/checkout?card=" + CARD + "&exp=1229 now", CARD, "CREDIT_CARD");
    }

    @Test
    void ssnInAUrlPath_isAnSsn() {
        assertExact("see https://hr.example.com/people/" + SSN + "/record", SSN, "US_SSN");
    }

    @Test
    void ibanInAUrlQuery_isAnIban() {
        assertExact("https://bank.example.com/transfer?to=" + IBAN + "&amount=50", IBAN, "IBAN_CODE");
    }

    @Test
    void numberInAUrlThatFailsItsCheckDigit_staysAUrl() {
        String text = "https://shop.example.com/orders/4539578123456780/status";
        assertThat(scan(text)).extracting(Finding::type).containsExactly("URL");
    }

    @Test
    void cardInAUrl_throughTheEngine_isRedacted() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(TestPacks.drl("""
                rule "allow" when Data() then verdict.allow(); end
                rule "redact" when $f : Finding(highRisk == true) then verdict.redact($f); end
                """)).build();
        String content = "open https://shop.example.com/pay?card=" + CARD + "&x=1";

        Decision d = engine.evaluate(
                PolicyRequest.builder().product("x").content(content).build());

        assertThat(d.effect()).isEqualTo(Effect.REDACT);
        assertThat(d.content()).doesNotContain(CARD).contains("https://shop.example.com/pay?card=");
    }

    // (2) every part of a multi-part credential

    @Test
    void curlUserPassword_isFound() {
        assertFound("curl -sS -u deploy:Vq7rTz2pLm9x https://api.example.com/v1", "deploy:Vq7rTz2pLm9x", "SECRET");
    }

    @Test
    void sshpassPassword_isFound() {
        assertExact("sshpass -p 'Hn4wQe8tYu1z' ssh ops@10.0.0.5", "Hn4wQe8tYu1z", "SECRET");
    }

    @Test
    void mysqlAttachedPassword_isFound() {
        assertExact("mysql -h db.internal -u app -pK3eRw9zXq2Lm appdb", "K3eRw9zXq2Lm", "SECRET");
    }

    @Test
    void mysqlPasswordPrompt_andPort_areNoSecret() {
        assertNoType("mysql -h db.internal -P 3306 -u app -p appdb", "SECRET");
        assertNoType("sshpass -f ./passfile ssh ops@host", "SECRET");
    }

    @Test
    void cloudConsoleCredentialsCsv_everyCredentialColumnIsFound() {
        String secretKey = "q8Zr4Tn2Vw6Yb0Xc5Ld9Hf3Jk7Mp1Sg8Ue2Ai4Ow";
        String csv = "User name,Password,Access key ID,Secret access key,Console login link\n"
                + "deploy,Rt5#mQ9wZx2L,AKIAQ3EGRTWXZL7KN5PD," + secretKey + ",https://console.example.com\n";

        assertExact(csv, "AKIAQ3EGRTWXZL7KN5PD", "SECRET");
        assertExact(csv, secretKey, "SECRET");
        assertExact(csv, "Rt5#mQ9wZx2L", "SECRET");
    }

    // (3) every Cf and Mn code point, tag characters, bidi controls and Unicode spaces

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u2066", // left-to-right isolate
                "\u202E", // right-to-left override
                "\u200E", // left-to-right mark
                "\u034F", // combining grapheme joiner
                "\uFE0F", // variation selector 16
                "\u0301", // combining acute accent
                "\uDB40\uDC41", // tag latin capital letter A
                "\uDB40\uDD00", // variation selector 17
                "\u061C" // arabic letter mark
            })
    void invisibleCodePointInsideAToken_isSeenThrough(String invisible) {
        String hidden =
                GITHUB.substring(0, 12) + invisible + GITHUB.substring(12, 25) + invisible + GITHUB.substring(25);
        String text = "token " + hidden + " leaked";

        assertFound(text, hidden, "SECRET");
    }

    @Test
    void unicodeSpacesBetweenCardGroups_areSpaces() {
        String card = "4539\u00A05781\u202F2345\u20076789";
        assertFound("card: " + card + " exp 12/29", card, "CREDIT_CARD");
    }

    @Test
    void nonAsciiDigitsInACard_areDigits() {
        StringBuilder arabic = new StringBuilder();
        for (char c : CARD.toCharArray()) {
            arabic.append((char) ('\u0660' + (c - '0')));
        }
        assertFound("card " + arabic + " please", arabic.toString(), "CREDIT_CARD");
    }

    @Test
    void accentedProseWithCombiningMarks_staysClean() {
        String prose = "Cafe\u0301 cre\u0300me bru\u0302le\u0301e, nai\u0308ve re\u0301sume\u0301 \u2066text\u2069.";
        assertThat(scan(prose)).isEmpty();
    }

    // (4) HTML character references and escapes

    private static String encodeEach(String value, String format) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(String.format(format, (int) c));
        }
        return out.toString();
    }

    @Test
    void tokenWrittenAsHtmlReferences_isFound() {
        String hidden = encodeEach(GITHUB.substring(0, 10), "&#x%x;")
                + GITHUB.substring(10, 20)
                + encodeEach(GITHUB.substring(20), "&#%d;");
        assertFound("<code>" + hidden + "</code>", hidden, "SECRET");
    }

    @Test
    void emailWithNamedReferences_isFound() {
        String hidden = "maria.lopez&commat;example&period;com";
        assertFound("write to " + hidden + " today", hidden, "EMAIL_ADDRESS");
    }

    @Test
    void tokenWrittenAsUnicodeEscapes_isFound() {
        String hidden = encodeEach(GITHUB.substring(0, 8), "\\u%04x") + GITHUB.substring(8);
        assertFound("{\"t\": \"" + hidden + "\"}", hidden, "SECRET");
    }

    @Test
    void tokenWrittenAsHexEscapes_isFound() {
        String hidden = encodeEach(GITHUB.substring(0, 6), "\\x%02x") + GITHUB.substring(6);
        assertFound("s = b'" + hidden + "'", hidden, "SECRET");
    }

    @Test
    void ordinaryEntitiesAndPaths_stayClean() {
        assertThat(scan("Tom &amp; Jerry &lt;3 &hellip; C:\\users\\xavier\\docs \\u00e9t\\u00e9"))
                .isEmpty();
    }

    // (5) nested encodings, to a bounded depth

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String gzipBase64(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Test
    void base64OfBase64_isDecodedTwice() {
        String hidden = b64(b64("token=" + GITHUB));
        assertFound("blob " + hidden + " end", hidden, "SECRET");
    }

    @Test
    void urlEncodingTwice_isDecodedTwice() {
        String once = URLEncoder.encode("password=" + "Zq8!vR2#mX5t", StandardCharsets.UTF_8);
        String twice = URLEncoder.encode(once, StandardCharsets.UTF_8);
        assertThat(twice).contains("%25");
        String hidden = twice.replace("%253D", "%25%33D") + "&aws_access_key_id%253D"
                + "AKIAQ3EGRTWXZL7KN5PD".replace("Q", "%2551");
        assertFound("https://example.org/cb?state=" + hidden, "%2551", "SECRET");
    }

    @Test
    void base64InsideUrlEncoding_isDecoded() {
        String inner = URLEncoder.encode(b64("api_key=" + GITHUB + "&x=1"), StandardCharsets.UTF_8);
        assertFound("https://example.org/cb?d=" + inner, inner, "SECRET");
    }

    @Test
    void gzipThenBase64_isInflated() {
        String hidden = gzipBase64("{\"github_token\": \"" + GITHUB + "\", \"note\": \"deploy\"}");
        assertFound("payload: " + hidden, hidden, "SECRET");
    }

    @Test
    void gzipThenBase64OfProse_staysClean() {
        String hidden = gzipBase64("The quarterly report is attached; numbers look fine for everyone.");
        assertThat(scan("payload: " + hidden)).isEmpty();
    }

    @Test
    void encodingDeeperThanTheBound_isNotFollowed() {
        String hidden = b64(b64(b64(b64("token=" + GITHUB))));
        assertThat(scan("blob " + hidden)).noneSatisfy(f -> assertThat(f.type()).isEqualTo("SECRET"));
    }

    // (6) the rest

    @Test
    void emailSpelledOut_isFound() {
        String hidden = "maria.lopez (at) example [dot] com";
        assertFound("reach me at " + hidden + " thanks", hidden, "EMAIL_ADDRESS");
        assertNoType("the meeting (at) noon was fine [dot]", "EMAIL_ADDRESS");
    }

    @Test
    void amexAndDinersGrouping_isACard() {
        assertExact("amex 3712 553987 65439 exp", "3712 553987 65439", "CREDIT_CARD");
        assertExact("card 4539.5781.2345.6789 exp", "4539.5781.2345.6789", "CREDIT_CARD");
        assertNoType("amex 3712 553987 65438 exp", "CREDIT_CARD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"passwort", "contraseña", "senha", "wachtwoord", "hasło", "пароль"})
    void passwordKeywordInOtherLanguages_isFound(String keyword) {
        assertExact(keyword + " = \"Qm7#vT2pLx9w\"", "Qm7#vT2pLx9w", "SECRET");
    }
}
