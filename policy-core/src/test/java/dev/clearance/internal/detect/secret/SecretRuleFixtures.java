package dev.clearance.internal.detect.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared helpers for the per-recognizer tests: random values from a format's alphabet, and span assertions. */
final class SecretRuleFixtures {
    static final SecretDetector DETECTOR = new SecretDetector(SecretRules.all());
    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    static final String HEX = "0123456789abcdef";
    static final String CRYPT64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567";

    private SecretRuleFixtures() {}

    static String random(String alphabet, int length, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static List<Finding> scan(String text) {
        List<Finding> found = new ArrayList<>();
        DETECTOR.detect(text, found::add);
        return found;
    }

    /** {@code rule} reports exactly the span of {@code secret} in {@code text}. */
    static void assertFound(String text, String secret, String rule) {
        int start = text.indexOf(secret);
        assertThat(start).as("fixture holds the secret").isGreaterThanOrEqualTo(0);
        assertThat(scan(text)).as(rule).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + secret.length());
        });
    }

    /** No finding of {@code rule} in {@code text}. */
    static void assertNotFound(String text, String rule) {
        assertThat(scan(text)).as(rule).noneSatisfy(f -> assertThat(f.rule()).isEqualTo(rule));
    }

    static double confidenceOf(String text, String rule) {
        return scan(text).stream()
                .filter(f -> f.rule().equals(rule))
                .mapToDouble(Finding::confidence)
                .max()
                .orElse(-1);
    }
}
