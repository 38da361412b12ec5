package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secrets and personal data hidden from a plain scan: each is found, and its span covers the hidden text in the
 * original content. All values are made up.
 */
class EvasionTest {
    private static final ContentScanner SCANNER = ContentScanner.defaults();
    private static final String AWS = "AKIAQ3EGRTWXZL7KN5PD";
    private static final String GITHUB = "ghp_Xk9mT2qLw8vN4rB7cZ1pY5sD3fH6jA0gE2uK";

    private static List<Finding> secrets(String text) {
        return SCANNER.scan(text).stream()
                .filter(f -> f.category() == FindingCategory.SECRET)
                .toList();
    }

    private static void assertCovers(String text, String hidden) {
        int s = text.indexOf(hidden);
        assertThat(s).as("test setup").isNotNegative();
        assertThat(secrets(text)).as(text).anySatisfy(f -> {
            assertThat(f.start()).isLessThanOrEqualTo(s);
            assertThat(f.end()).isGreaterThanOrEqualTo(s + hidden.length());
        });
    }

    @Test
    void zeroWidthCharacters_insideAToken_areSeenThrough() {
        String hidden = "ghp_Xk9mT2qL\u200Bw8vN4rB7\u200DcZ1pY5sD3fH6\uFEFFjA0gE2uK";
        assertThat(secrets("plain " + hidden.replaceAll("[\u200B\u200D\uFEFF]", "")))
                .isNotEmpty();

        assertCovers("token " + hidden + " leaked", hidden);
    }

    @Test
    void fullWidthForms_areFoldedToAscii() {
        StringBuilder wide = new StringBuilder();
        for (char c : AWS.toCharArray()) {
            wide.append((char) (c + 0xFEE0));
        }
        String text = "aws_access_key_id = " + wide;

        assertCovers(text, wide.toString());
    }

    @Test
    void cyrillicHomoglyphs_areFoldedToLatin() {
        String hidden = GITHUB.replace('a', '\u0430').replace('o', '\u043e').replace('X', '\u0425');
        assertThat(hidden).isNotEqualTo(GITHUB);

        assertCovers("use " + hidden + " here", hidden);
    }

    @Test
    void urlEncodedSecret_isDecodedOneLevel() {
        String encoded = "aws_access_key_id%3D" + AWS.substring(0, 4) + "%51" + AWS.substring(5);
        assertThat(AWS.charAt(4)).isEqualTo('Q');

        assertCovers("https://example.org/cb?cfg=" + encoded, "%51");
    }

    @Test
    void base64EncodedSecret_isDecodedAndTheWholeRunRedacted() {
        String encoded = Base64.getEncoder().encodeToString(("token=" + GITHUB).getBytes(StandardCharsets.UTF_8));
        String text = "config blob: " + encoded + " end";

        assertCovers(text, encoded);
    }

    @Test
    void stringConcatenationInCode_isJoined() {
        String code = "String key = \"ghp_Xk9mT2qLw8vN4rB7\" + \"cZ1pY5sD3fH6jA0gE2uK\";";

        assertCovers(code, "Xk9mT2qLw8vN4rB7\" + \"cZ1pY5sD3fH6jA0gE2uK");
    }

    @Test
    void concatenationAcrossLines_isJoined() {
        String code = "key = (\"ghp_Xk9mT2qLw8vN4rB7\"\n       \"cZ1pY5sD3fH6jA0gE2uK\")";

        assertCovers(code, "Xk9mT2qLw8vN4rB7\"\n       \"cZ1pY5sD3fH6jA0gE2uK");
    }

    @Test
    void backslashLineContinuation_isJoined() {
        String text = "export TOKEN=ghp_Xk9mT2qLw8vN4rB7\\\ncZ1pY5sD3fH6jA0gE2uK";

        assertCovers(text, "Xk9mT2qLw8vN4rB7\\\ncZ1pY5sD3fH6jA0gE2uK");
    }

    @Test
    void evasion_throughTheEngine_isRedactedAndRestorable() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(TestPacks.drl("""
                rule "allow" when Data() then verdict.allow(); end
                rule "redact" when $f : Finding(category == FindingCategory.SECRET) then verdict.redact($f); end
                """)).build();
        String hidden = "ghp_Xk9mT2qL\u200Bw8vN4rB7cZ1pY5sD3fH6jA0gE2uK";
        String content = "token " + hidden + " 😀";

        Decision d = engine.evaluate(
                PolicyRequest.builder().product("x").content(content).build());

        assertThat(d.effect()).isEqualTo(Effect.REDACT);
        assertThat(d.content()).isEqualTo("token [SECRET_1] 😀");
        assertThat(d.restore(d.content())).isEqualTo(content);
    }

    @Test
    void ordinaryText_getsNoViewsAndNoExtraFindings() {
        String text = "He said \"hello\" and left; 50% of users saw it. QmFzZTY0IGlzIG5vdCBhIHNlY3JldA== is fine.";

        assertThat(secrets(text)).isEmpty();
    }

    @Test
    void normalizationOff_missesTheHiddenToken() {
        ContentScanner plain =
                ContentScanner.builder().addDefaults().normalize(false).build();
        String hidden = "ghp_Xk9mT2qL\u200Bw8vN4rB7cZ1pY5sD3fH6jA0gE2uK";

        assertThat(plain.scan("token " + hidden).stream().filter(f -> f.category() == FindingCategory.SECRET))
                .isEmpty();
    }
}
