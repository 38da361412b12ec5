package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.clearance.Classification;
import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.TermSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Linear time and robustness on hostile or malformed input. */
class AdversarialInputTest {
    private static final int SIZE = 50 * 1024;
    private static final ContentScanner SCANNER = ContentScanner.builder()
            .addDefaults()
            .termSets(List.of(TermSet.classifying("codenames", Classification.CONFIDENTIAL, List.of("orca", "a a"))))
            .build();

    static String repeat(String unit) {
        return unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
    }

    /**
     * Repeating units that target one recognizer's worst case each (keywords, prefixes, separators, escapes,
     * joins): {@code hostile()} times them here, {@link LinearWorkTest} counts their work per char.
     */
    static final List<String> UNITS = List.of(
            "a",
            "0",
            " ",
            "\n",
            "sk-",
            "AKIA",
            "a@",
            "1.",
            "1:",
            "::",
            "ghp_",
            "-----BEGIN PRIVATE KEY-----",
            "key=",
            "password: ",
            "http://",
            "ab://x:y@",
            "xoxb-1-",
            "eyJ",
            "eyJhbGciOi.",
            "+1 ",
            "(1) ",
            "DE89 ",
            "AB 12 34 56 ",
            "ab-12-",
            "-",
            "=",
            "\"",
            "www.",
            "a.b.",
            "%",
            "ZXlK",
            "q~",
            "Authorization: Bearer ",
            "data:\n kind: secret\n",
            "sk-sk-",
            "a@a@",
            "1.1.1.1.",
            "password=",
            "-----BEGIN",
            "://",
            "api_key = \"",
            "-H 'x-api-key: ",
            "<add key=\"password\" value=\"",
            "_gitlab_session=",
            // second-wave evasions: references, escapes, nested encodings, invisible code points
            "&#65;",
            "&#x41",
            "&commat;",
            "\\u0041",
            "\\u{41}",
            "\\x41",
            "%2541",
            "%25",
            "\u00A0",
            "e\u0301",
            "\uDB40\uDC41",
            "\u0663",
            "UVVGQlFVRkJRVUZC",
            "H4sIAAAAAAAA",
            "curl -u a:",
            "mysql -p",
            "sshpass -p ",
            "secret access key\n",
            // split values: wrapped lines, spaced-out chars, JWT gaps, code joins, YAML blocks
            "ab12cd34ef56gh78\n",
            "ab12cd34\\\n  ",
            "a1 ",
            "a 1 ",
            "a-1-",
            "a.1.",
            "eyJa . ",
            "eyJ\n",
            "\"a\" ",
            "\"a\", ",
            "\"\".join([\"a\", ",
            "'a' + ",
            "${\"a\"}",
            "{'a'}",
            "\"%s\", \"a\", ",
            "printf '%s' 'a' ",
            "k: >\n  a1\n",
            "k: |\n",
            "a at b dot ",
            "mail a at b dot c ",
            "1234/",
            "1234/5678/9012/3456 ",
            "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n",
            "user name,password,\n",
            "$1$",
            "$2a$05$",
            "$6$rounds=5000$",
            "$5$",
            "$krb5tgs$23$*",
            "$krb5asrep$23$",
            "$argon2id$v=19$",
            "machine a ",
            "machine a password ",
            "-u a -p ",
            "--password ",
            "-Password '",
            "NetworkCredential(\"a\", ",
            "DirectoryEntry(\"a\",\"b\", ",
            "<add key=\"pwd\" value=\"",
            "Server=a;Password=",
            "\"method\":\"auth.login\",\"params\":[\"",
            "password is '",
            "password for a b is '",
            "ConvertTo-SecureString '",
            "LS0tLS1CRUdJTi",
            "thingsboard/api/v1/",
            "/IncomingWebhook/",
            "AZDO",
            "sk-proj-T3BlbkFJ",
            "dckr_pat_",
            "password 7 ",
            "django-insecure-",
            "Authorization: SSWS ",
            "passport 12345678 ",
            "routing 1110 ",
            "SIN 135 ",
            "AB12",
            "DEUT1",
            "1 85 ",
            "987.654.",
            "11.222.333/",
            "201-555-0123x",
            "12 ext ",
            "+41 (0)",
            "12 34 56 78 90 ",
            "+1 202 555 01 ",
            "UVVGQlFVRkJRVUZC UVVG ",
            // build-tool credential blocks and the id parts of multi-part credentials
            "<server>",
            "<server><id>a</id>",
            "<password>a1",
            "_auth=",
            ":_password=",
            "[pypi]\n",
            "index-servers\n[a]\n",
            "signing.password=",
            "org.gradle.a\nbPassword=",
            "\"auths\": {\"auth\": \"",
            "client_id=a1234567 client_secret=",
            "login a password b1 ",
            "User Id=a;Password=");

    static Stream<Arguments> hostile() {
        return UNITS.stream().map(u -> Arguments.of("[" + escapeName(u) + "]", repeat(u)));
    }

    /** The unit as test-name text: line breaks and non-ASCII chars as escapes. */
    static String escapeName(String unit) {
        StringBuilder out = new StringBuilder();
        for (char c : unit.toCharArray()) {
            if (c == '\n') {
                out.append("\\n");
            } else if (c >= 0x80) {
                out.append(String.format("U+%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @BeforeAll
    static void warmUp() {
        hostile().forEach(a -> SCANNER.scan((String) a.get()[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void repeatedUnit50k_scansInBoundedTime(String name, String text) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            SCANNER.scan(text);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("adversarial %-28s %7.2f ms%n", name, best / 1e6);
        // A hang guard, not a speed target: a backtracking or quadratic unit takes minutes on 50k chars. Linearity
        // is LinearWorkTest's (work counters); the speed of these units is the benchmarks' (ScanBenchmark).
        assertThat(best / 1_000_000).isLessThan(5_000);
    }

    @Test
    void emptyAndWhitespace_findNothing() {
        assertThat(SCANNER.scan("")).isEmpty();
        assertThat(SCANNER.scan(" \t\r\n ")).isEmpty();
    }

    @Test
    void nulBytesAndLoneSurrogates_doNotBreakScanning() {
        String text = "\u0000\uD800 mail bob@example.com \uDC00\u0000 card 4111 1111 1111 1111\uD83D";
        List<Finding> found = SCANNER.scan(text);
        assertThat(found).extracting(Finding::type).contains("EMAIL_ADDRESS", "CREDIT_CARD");
        assertThat(found).allSatisfy(f -> assertThat(f.end()).isLessThanOrEqualTo(text.length()));
    }

    @Test
    void emojiBeforeFindings_spansAreUtf16Indices() {
        String token = "ghp_" + SecretDetectorTest.random("abcdefghijklmnopqrstuvwxyz0123456789", 36, 3);
        String text = "\uD83D\uDE00\uD83D\uDC4D token " + token + " and orca at bob@example.com";
        for (Finding f : SCANNER.scan(text)) {
            String value = text.substring(f.start(), f.end());
            switch (f.type()) {
                case "SECRET" -> assertThat(value).isEqualTo(token);
                case "EMAIL_ADDRESS" -> assertThat(value).isEqualTo("bob@example.com");
                case "CUSTOM:codenames" -> assertThat(value).isEqualTo("orca");
                default -> {}
            }
        }
        assertThat(SCANNER.scan(text))
                .extracting(Finding::type)
                .contains("SECRET", "EMAIL_ADDRESS", "CUSTOM:codenames");
    }

    @Test
    void crlfLineEndings_keepSpans() {
        String text = "user=admin\r\npassword=Zq8#pLm2!x\r\nhost=10.1.2.3\r\n";
        List<Finding> found = SCANNER.scan(text);
        assertThat(found)
                .anySatisfy(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("Zq8#pLm2!x"));
        assertThat(found)
                .anySatisfy(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("10.1.2.3"));
    }

    @Test
    void tenMegabytesOnOneLine_isScannedWithoutError() {
        String line = "lorem ipsum dolor sit amet, key=value 12345 ".repeat(10 * 1024 * 1024 / 44);
        long t0 = System.nanoTime();
        assertThatCode(() -> SCANNER.scan(line + " bob@example.com")).doesNotThrowAnyException();
        System.out.printf("10 MB single line: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    }

    @Test
    void allDigitText_findsNothingAndDoesNotThrow() {
        assertThat(SCANNER.scan("7".repeat(SIZE))).isEmpty();
        assertThatCode(() -> SCANNER.scan("0123456789".repeat(SIZE / 10))).doesNotThrowAnyException();
    }
}
