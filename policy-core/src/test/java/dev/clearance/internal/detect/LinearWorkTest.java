package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.internal.detect.pii.PiiDetector;
import dev.clearance.internal.detect.secret.SecretDetector;
import dev.clearance.internal.detect.secret.SecretRules;
import dev.clearance.internal.normalize.View;
import dev.clearance.internal.normalize.Views;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearity guard that does not depend on the clock: the detectors count the work they do (chars handed to RE2J,
 * chars examined by bounded candidate checks, keyword hits), and ten times the text must cost at most about ten
 * times the work, with a bounded amount of work per char. A quadratic path shows up here as a 100x jump.
 */
class LinearWorkTest {
    private static final SecretDetector SECRETS = new SecretDetector(SecretRules.all());
    private static final PiiDetector PII = new PiiDetector();
    private static final int SMALL = 100 * 1024;
    private static final int LARGE = 1024 * 1024;

    static Stream<Arguments> texts() {
        Stream<Arguments> mixed = Stream.of(Arguments.of("mixed prose/code/config", "mixed"));
        Stream<Arguments> hostile = Stream.of(
                        "a",
                        "0",
                        " ",
                        "sk-",
                        "sk-sk-",
                        "AKIA",
                        "a@",
                        "a@a@",
                        "1.",
                        "1.1.1.1.",
                        "1:",
                        "::",
                        "ghp_",
                        "-----BEGIN PRIVATE KEY-----",
                        "-----BEGIN",
                        "key=",
                        "password=",
                        "password: ",
                        "http://",
                        "://",
                        "ab://x:y@",
                        "xoxb-1-",
                        "eyJ",
                        "eyJhbGciOi.",
                        "+1 ",
                        "(1) ",
                        "DE89 ",
                        "www.",
                        "q~",
                        "Authorization: Bearer ",
                        "data:\n kind: secret\n",
                        "api_key = \"",
                        "-H 'x-api-key: ",
                        "&#65;",
                        "&#x41",
                        "&commat;",
                        "\\u0041",
                        "\\x41",
                        "%2541",
                        "%25",
                        "\u00A0",
                        "e\u0301",
                        "\uDB40\uDC41",
                        "\u0663",
                        "UVVGQlFVRkJRVUZC",
                        "UVVGQlFVRkJRVUZC UVVG ",
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
                        "+41 (0)")
                .map(u -> Arguments.of("[" + AdversarialInputTest.escapeName(u) + "]", u));
        return Stream.concat(mixed, hostile);
    }

    static String text(String unit, int size) {
        if (unit.equals("mixed")) {
            return ScanBench.mixed(size, 42);
        }
        return unit.repeat(size / unit.length() + 1).substring(0, size);
    }

    /** The work of the whole scan: detectors on the text, building the views, and detectors on every view. */
    static long work(String text) {
        long work = detectors(text) + Views.work(text);
        for (View view : Views.of(text)) {
            work += detectors(view.text());
        }
        return work;
    }

    private static long detectors(String text) {
        return SECRETS.detectCounting(text, f -> {}) + PII.detectCounting(text, f -> {});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void workGrowsLinearly(String name, String unit) {
        long small = work(text(unit, SMALL));
        long large = work(text(unit, LARGE));
        System.out.printf(
                "work %-28s 100 KB: %9d (%.2f/char)  1 MB: %10d (%.2f/char)%n",
                name, small, small / (double) SMALL, large, large / (double) LARGE);
        // 10.24x the chars: allow 12x the work (plus a little for edges) and a bounded cost per char
        assertThat(large).isLessThanOrEqualTo(12 * small + 4096);
        assertThat(large / (double) LARGE).isLessThan(600.0);
    }
}
