package dev.clearance.internal.detect.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each heuristic of the secret scan on its own, over one {@link ScanState}. */
class SecretHeuristicsTest {
    private final List<Finding> found = new ArrayList<>();

    private ScanState state(String text) {
        return new ScanState(dev.clearance.internal.detect.ScanText.of(text), found::add);
    }

    private static String base64(int length, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void urlCredentialsReportTheUserInfo() {
        String text = "db: postgres://app:Zq7vR2kLm9x@db.internal/app";
        new UrlCredentials(state(text)).find(text.indexOf("://"));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("url-credentials");
            assertThat(text.substring(f.start(), f.end())).startsWith("app:").doesNotContain("@");
        });
    }

    @Test
    void urlCredentialsSkipTrivialPasswordsAndUrlsWithoutOne() {
        for (String text : List.of(
                "postgres://app:password@db.internal/app", "https://db.internal/app", "https://user@db.internal/app")) {
            new UrlCredentials(state(text)).find(text.indexOf("://"));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void privateKeyBlocksNeedAPrivateKeyHeaderAndABody() {
        String body = base64(64, 1) + "\n" + base64(64, 2) + "\n";
        String key = "-----BEGIN EC PRIVATE KEY-----\n" + body + "-----END EC PRIVATE KEY-----";
        new PrivateKeyBlocks(state(key)).find(0);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("private-key");
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(key.length());
        });
        found.clear();
        String publicKey = "-----BEGIN PUBLIC KEY-----\n" + body + "-----END PUBLIC KEY-----";
        new PrivateKeyBlocks(state(publicKey)).find(0);
        String shortBody = "-----BEGIN PRIVATE KEY-----\n" + base64(20, 3) + "\n-----END PRIVATE KEY-----";
        new PrivateKeyBlocks(state(shortBody)).find(0);
        assertThat(found).isEmpty();
    }

    @Test
    void genericAssignmentsReportRandomValuesOfKeyLikeNames() {
        String text = "api_key = \"Xk29fLq0ZpR7mW3vT8\"";
        int key = text.indexOf("key");
        new AssignmentHeuristics(state(text), new com.google.re2j.Pattern[0]).genericAssignment(key, key + 3, false);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("generic-api-key");
            assertThat(f.start()).isEqualTo(text.indexOf('X'));
            assertThat(f.end()).isEqualTo(text.length() - 1);
        });
    }

    @Test
    void passwordAssignmentsAndTheirStopWords() {
        String text = "password: \"Tr0ub4dor&3x\"";
        new AssignmentHeuristics(state(text), new com.google.re2j.Pattern[0]).genericAssignment(0, 8, true);
        assertThat(found).extracting(Finding::rule).containsExactly("password-assignment");
        found.clear();
        String placeholder = "password: \"password123\"";
        new AssignmentHeuristics(state(placeholder), new com.google.re2j.Pattern[0]).genericAssignment(0, 8, true);
        assertThat(found).isEmpty();
    }

    @Test
    void namesThatCallTheirValueFakeAreNotCredentials() {
        for (String name : new String[] {"fakeApiKey", "dummy_token", "invalidSecret", "nonMatchingToken"}) {
            String text = name + " = \"Xk29fLq0ZpR7mW3vT8\"";
            int k = name.toLowerCase(java.util.Locale.ROOT)
                    .indexOf(name.contains("ecret") ? "secret" : name.contains("oken") ? "token" : "key");
            found.clear();
            new AssignmentHeuristics(state(text), new com.google.re2j.Pattern[0])
                    .genericAssignment(k, k + (name.contains("ecret") ? 6 : name.contains("oken") ? 5 : 3), false);
            assertThat(found).as(name).isEmpty();
        }
        // the same value under a plain name is reported
        String text = "apiToken = \"Xk29fLq0ZpR7mW3vT8\"";
        new AssignmentHeuristics(state(text), new com.google.re2j.Pattern[0]).genericAssignment(3, 8, false);
        assertThat(found).extracting(Finding::rule).containsExactly("generic-api-key");
    }

    @Test
    void stopWordsAndValueShapes() {
        assertThat(StopWords.nonSecretName("api_key_id", 0, 10)).isTrue();
        assertThat(StopWords.nonSecretName("credentialsId", 0, 13)).isTrue();
        assertThat(StopWords.nonSecretName("db_password", 0, 11)).isFalse();
        assertThat(StopWords.stopword("my-example-value-9", 0, 18, false)).isTrue();
        assertThat(ValueShapes.identifierLike("lib-0.11.2", 0, 10)).isTrue();
        assertThat(ValueShapes.identifierLike("Xk29fLq0ZpR7mW3vT8", 0, 18)).isFalse();
        assertThat(ValueShapes.looksLikeCode("getValue(x)", 0, 11)).isTrue();
        assertThat(ValueShapes.looksLikeCode("var.db_password", 0, 15)).isTrue();
        assertThat(ValueShapes.secretAlphabet("abc def", 0, 7)).isFalse();
    }

    @Test
    void tokenWindowsMergeNearbyHitsAndReportEachToken() {
        SecretRule rule = SecretRule.tokenAround("demo-token", 0, 0, 40, "demo_[a-z0-9]{20}", "demo_");
        String one = "demo_" + "k3j5h7g9f1d2s4a6q8w0";
        String two = "demo_" + "p0o9i8u7y6t5r4e3w2q1";
        String text = "a " + one + " b " + two + " c";
        List<Finding> out = new ArrayList<>();
        long work = new SecretDetector(List.of(rule)).detectCounting(text, out::add);
        assertThat(out).extracting(f -> text.substring(f.start(), f.end())).containsExactly(one, two);
        assertThat(work).isPositive();
    }
}
