package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.internal.detect.ScanPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values split so that no detector sees them whole (hardening item 6, the last classes): wrapped over lines,
 * spaced out, a JWT split by whitespace, string literals joined in code by other means than {@code +}, YAML block
 * scalars, shell continuations, and a secret across the line break of wrapped base64. Each is found with a span
 * that covers every piece; look-alikes stay clean; a join too fragmented to reassemble fails closed. All values are
 * made up.
 */
class SplitValueEvasionTest {
    private static final ContentScanner SCANNER = ContentScanner.defaults();
    private static final String GITHUB = "ghp_Xk9mT2qLw8vN4rB7cZ1pY5sD3fH6jA0gE2uK";
    private static final String STRIPE = "sk_live_51Hq8ZrT2mW9xK4pL7vB3nQ6c";
    private static final String HEADER = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    private static final String PAYLOAD = b64url("{\"sub\":\"u-4821\",\"name\":\"Dana Reyes\",\"iat\":1733000000}");
    private static final String SIGNATURE = "Qm3vT9xL2pR7wZ5kN8cY4hJ6sD1fG0aB3eU7iO9tW2q";

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Finding> secrets(String text) {
        return SCANNER.scan(text).stream()
                .filter(f -> f.category() == FindingCategory.SECRET)
                .toList();
    }

    /** A secret finding covers {@code [text.indexOf(first), text.indexOf(last) + last.length())}. */
    private static void assertCovers(String text, String first, String last) {
        int s = text.indexOf(first);
        int e = text.lastIndexOf(last) + last.length();
        assertThat(s).as("test setup").isNotNegative();
        assertThat(e).as("test setup").isGreaterThan(s);
        assertThat(secrets(text)).as("a secret covering every piece").anySatisfy(f -> {
            assertThat(f.start()).isLessThanOrEqualTo(s);
            assertThat(f.end()).isGreaterThanOrEqualTo(e);
        });
    }

    private static void assertNoSecret(String text) {
        assertThat(secrets(text)).isEmpty();
    }

    // values split over lines

    @Test
    void tokenWrappedAtAFixedColumn_isJoined() {
        String text = "token: ghp_Xk9mT2qLw8vN4rB7cZ1p\nY5sD3fH6jA0gE2uK\nnext: line\n";
        assertCovers(text, "ghp_", "jA0gE2uK");
    }

    @Test
    void tokenBrokenOverThreeIndentedLines_isJoined() {
        String text = "    github = ghp_Xk9mT2qLw8\n        vN4rB7cZ1pY5sD3\n        fH6jA0gE2uK\n";
        assertCovers(text, "ghp_", "jA0gE2uK");
    }

    @Test
    void concatenationOverThreeLines_isJoined() {
        String code = "String t = \"ghp_Xk9mT2q\" +\n    \"Lw8vN4rB7cZ1\" +\n    \"pY5sD3fH6jA0gE2uK\";";
        assertCovers(code, "ghp_", "jA0gE2uK");
    }

    @Test
    void shellLineContinuationWithIndentation_isJoined() {
        String text = "export GITHUB_TOKEN=ghp_Xk9mT2qLw8vN4rB7\\\n    cZ1pY5sD3fH6jA0gE2uK";
        assertCovers(text, "ghp_", "jA0gE2uK");
    }

    @Test
    void proseWrappedAtAColumn_staysClean() {
        String prose = "The release notes for version 2 describe the\nmigration in detail; see section\n"
                + "four for the configuration keys and their\ndefaults before upgrading anything.\n";
        assertThat(SCANNER.scan(prose)).isEmpty();
    }

    // spaced-out characters

    private static String spaced(String value, String separator) {
        return value.chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining(separator));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "-", "."})
    void spacedOutCharacters_areJoined(String separator) {
        String hidden = spaced(STRIPE, separator);
        String text = "the key is " + hidden + " ok";
        assertCovers(text, hidden, hidden);
    }

    @Test
    void spacedOutToken_throughTheEngine_isRedacted() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                rule "allow" when Data() then verdict.allow(); end
                rule "redact" when $f : Finding(category == FindingCategory.SECRET) then verdict.redact($f); end
                """))
                .limits(TestPacks.PATIENT)
                .build();
        String hidden = spaced(GITHUB, " ");
        Decision d = engine.evaluate(PolicyRequest.builder()
                .product("x")
                .content("use " + hidden + " now")
                .build());

        assertThat(d.effect()).isEqualTo(Effect.REDACT);
        assertThat(d.content()).isEqualTo("use [SECRET_1] now");
    }

    @Test
    void spacedOutHeadingsAndRules_stayClean() {
        assertThat(SCANNER.scan(
                        "S U M M A R Y   O F   T H E   Y E A R\n- - - - - - - - - - - -\na b c d e f g h i j k"))
                .isEmpty();
    }

    // JWTs split by whitespace

    @Test
    void jwtWithSpacesAndBreaksAroundItsDots_isJoined() {
        String text = "Authorization header was " + HEADER + " .\n" + PAYLOAD + " . " + SIGNATURE + " today";
        assertCovers(text, HEADER, SIGNATURE);
    }

    @Test
    void jwtWrappedInsideASegment_isJoined() {
        String text = "jwt:\n  " + HEADER + "." + PAYLOAD.substring(0, 30) + "\n  " + PAYLOAD.substring(30) + "."
                + SIGNATURE + "\n";
        assertCovers(text, HEADER, SIGNATURE);
    }

    // code joins other than +

    @Test
    void pythonStringJoinOfAList_isJoined() {
        String code = "token = \"\".join([\"ghp_Xk9mT2q\", \"Lw8vN4rB7cZ1\", \"pY5sD3fH6jA0gE2uK\"])";
        assertCovers(code, "ghp_", "jA0gE2uK");
    }

    @Test
    void javascriptArrayJoin_isJoined() {
        String code = "const t = ['ghp_Xk9mT2q', 'Lw8vN4rB7cZ1',\n  'pY5sD3fH6jA0gE2uK'].join('');";
        assertCovers(code, "ghp_", "jA0gE2uK");
    }

    @Test
    void templateStringWithLiteralParts_isJoined() {
        String code = "const t = `ghp_Xk9mT2q${\"Lw8vN4rB7cZ1\"}${'pY5sD3f'}H6jA0gE2uK`;";
        assertCovers(code, "ghp_", "jA0gE2uK");
    }

    @Test
    void pythonFStringWithLiteralParts_isJoined() {
        String code = "t = f\"ghp_Xk9mT2q{'Lw8vN4rB7cZ1'}pY5sD3fH6jA0gE2uK\"";
        assertCovers(code, "ghp_", "jA0gE2uK");
    }

    @Test
    void formatWithLiteralPieces_isJoined() {
        assertCovers(
                "String t = String.format(\"%s%s%s\", \"ghp_Xk9mT2q\", \"Lw8vN4rB7cZ1\", \"pY5sD3fH6jA0gE2uK\");",
                "ghp_", "jA0gE2uK");
        assertCovers("printf '%s%s' 'ghp_Xk9mT2qLw8vN4' 'rB7cZ1pY5sD3fH6jA0gE2uK' > .token", "ghp_", "jA0gE2uK");
        assertCovers("t = \"%s%s\" % (\"ghp_Xk9mT2qLw8vN4\", \"rB7cZ1pY5sD3fH6jA0gE2uK\")", "ghp_", "jA0gE2uK");
        assertCovers(
                "t := fmt.Sprintf(\"%s%s\", \"ghp_Xk9mT2qLw8vN4\", \"rB7cZ1pY5sD3fH6jA0gE2uK\")", "ghp_", "jA0gE2uK");
    }

    @Test
    void pythonImplicitConcatenationOfAdjacentLiterals_isJoined() {
        assertCovers("t = ('ghp_Xk9mT2qLw8vN4rB7'\n     \"cZ1pY5sD3fH6jA0gE2uK\")", "ghp_", "jA0gE2uK");
        assertCovers("t = 'ghp_Xk9mT2q' 'Lw8vN4rB7cZ1' 'pY5sD3fH6jA0gE2uK'", "ghp_", "jA0gE2uK");
    }

    @Test
    void ordinaryJoinsAndFormats_stayClean() {
        String code = "names = \", \".join([\"alpha\", \"beta\", \"gamma\"])\n"
                + "msg = String.format(\"%s has %d items\", \"cart\", 3);\n"
                + "const csv = ['id', 'name', 'email'].join(',');\n"
                + "type Mode = 'read' | 'write' | 'admin';\n";
        assertNoSecret(code);
    }

    @Test
    void joinOfTooManyTinyPieces_failsClosed() {
        String pieces = GITHUB.chars().mapToObj(c -> "\"" + (char) c + "\"").collect(Collectors.joining(", "))
                + ", "
                + IntStream.range(0, 30).mapToObj(i -> "\"x\"").collect(Collectors.joining(", "));
        String code = "t = \"\".join([" + pieces + "])";

        assertThat(secrets(code)).anySatisfy(f -> assertThat(f.rule()).isEqualTo(ScanPipeline.UNRESOLVED_SPLIT));
        assertCovers(code, "\"g\"", "\"x\"");
    }

    @Test
    void joinOfManyWords_isNoSuspect() {
        String words = IntStream.range(0, 80).mapToObj(i -> "\"word" + i + "\"").collect(Collectors.joining(", "));
        assertThat(secrets("t = \" \".join([" + words + "])"))
                .noneSatisfy(f -> assertThat(f.rule()).isEqualTo(ScanPipeline.UNRESOLVED_SPLIT));
    }

    // YAML block scalars

    @Test
    void yamlFoldedScalar_isJoined() {
        String yaml = "github:\n  token: >-\n    ghp_Xk9mT2qLw8vN4rB7\n    cZ1pY5sD3fH6jA0gE2uK\n  user: ci\n";
        assertCovers(yaml, "ghp_", "jA0gE2uK");
    }

    @Test
    void yamlLiteralScalarPassword_isFound() {
        String yaml = "db:\n  password: |\n    Qm7#vT2pLx9w\n  host: db.internal\n";
        assertCovers(yaml, "Qm7#vT2pLx9w", "Qm7#vT2pLx9w");
    }

    @Test
    void yamlFoldedProse_staysClean() {
        assertNoSecret("description: >\n  This service sends the weekly report\n  to every team lead.\nowner: ops\n");
    }

    // a secret across the line break of wrapped base64

    private static List<String> wrap(String s, int column) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < s.length(); i += column) {
            lines.add(s.substring(i, Math.min(s.length(), i + column)));
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(ints = {76, 64})
    void secretAcrossTheLineBreakOfWrappedBase64_isFound(int column) {
        for (int pad = 0; pad < 40; pad++) {
            String plain = "# deploy settings, do not share" + " ".repeat(pad) + "\ngithub_token = " + GITHUB
                    + "\nregion = eu-west-1\nreplicas = 3\n";
            List<String> lines =
                    wrap(Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)), column);
            boolean straddles = lines.stream()
                    .map(l -> new String(Base64.getDecoder().decode(l), StandardCharsets.ISO_8859_1))
                    .noneMatch(d -> d.contains(GITHUB.substring(4)));
            if (!straddles) {
                continue;
            }
            String block = String.join("\r\n", lines);
            String text = "Content-Transfer-Encoding: base64\r\n\r\n" + block + "\r\n";
            assertCovers(text, block, block);
            return;
        }
        throw new AssertionError("test setup: no padding splits the token across a line");
    }
}
