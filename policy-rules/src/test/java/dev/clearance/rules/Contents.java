package dev.clearance.rules;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generated contents: prose mixed with made-up credentials and personal data in valid formats. */
final class Contents {
    private Contents() {}

    private static final String UPPER_DIGIT = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    static Arbitrary<String> texts() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                prose(),
                prose(),
                prose(),
                awsKey(),
                githubToken(),
                stripeKey(),
                email(),
                card(),
                ssn(),
                Arbitraries.of(" 😀 ", "\r\n", "\n", "\t", "é", " 𝔘 "));
        return fragment.list().ofMinSize(0).ofMaxSize(12).map(parts -> String.join(" ", parts));
    }

    private static Arbitrary<String> prose() {
        return Arbitraries.of(
                        "the",
                        "quarterly",
                        "report",
                        "is",
                        "late",
                        "deploy",
                        "fails",
                        "because",
                        "token",
                        "password",
                        "please",
                        "review",
                        "customer",
                        "refund",
                        "key",
                        "=",
                        ":",
                        "call",
                        "me")
                .list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(w -> String.join(" ", w));
    }

    private static Arbitrary<String> chars(String alphabet, int n) {
        return Arbitraries.strings().withChars(alphabet.toCharArray()).ofLength(n);
    }

    private static Arbitrary<String> awsKey() {
        return chars(UPPER_DIGIT, 16)
                .filter(s -> s.chars().distinct().count() > 6)
                .map(s -> "aws_access_key_id = AKIA" + s);
    }

    private static Arbitrary<String> githubToken() {
        return chars(ALNUM, 36).filter(s -> s.chars().distinct().count() > 10).map(s -> "ghp_" + s);
    }

    private static Arbitrary<String> stripeKey() {
        return chars(ALNUM, 24).filter(s -> s.chars().distinct().count() > 10).map(s -> "sk_live_" + s);
    }

    private static Arbitrary<String> email() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(2)
                .ofMaxLength(10)
                .map(s -> s + ".doe@example.com");
    }

    private static Arbitrary<String> card() {
        return Arbitraries.strings().numeric().ofLength(15).map(body -> {
            String full = "4" + body.substring(1) + luhnDigit("4" + body.substring(1));
            return full.substring(0, 4) + " " + full.substring(4, 8) + " " + full.substring(8, 12) + " "
                    + full.substring(12);
        });
    }

    private static Arbitrary<String> ssn() {
        return Arbitraries.integers()
                .between(1, 665)
                .flatMap(area -> Arbitraries.integers()
                        .between(1, 99)
                        .flatMap(group -> Arbitraries.integers()
                                .between(1, 9999)
                                .map(serial -> String.format("%03d-%02d-%04d", area, group, serial))));
    }

    static char luhnDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
