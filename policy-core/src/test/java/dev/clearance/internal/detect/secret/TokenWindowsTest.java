package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRuleFixtures.ALNUM;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.random;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token windows: matched at the occurrences of a rule's start literal, or searched, with the same findings. */
class TokenWindowsTest {

    private static SecretRule window(String regex) {
        return SecretRule.tokenAround("t", 0, 10, 10, regex, "k");
    }

    @Test
    void literalStart_isTheCommonLiteralHeadOfTheAlternatives() {
        assertThat(window("sk-(?:a|b)-[A-Z]{2}|sk-[0-9]+").literalStart()).isEqualTo("sk-");
        assertThat(window("https://hooks\\.example\\.com/[a-z]+").literalStart())
                .isEqualTo("https://hooks.example.com/");
        assertThat(window("LTAI[A-Za-z0-9]{20}").literalStart()).isEqualTo("LTAI");
        // a quantified char is not part of the head
        assertThat(window("abc?d").literalStart()).isEqualTo("ab");
        assertThat(window("abx{2}").literalStart()).isEqualTo("ab");
    }

    @Test
    void literalStart_isNullWhenAMatchMayStartAnywhereElse() {
        assertThat(window("(?:https?://)?hooks\\.example\\.com/x").literalStart())
                .isNull();
        assertThat(window("(?i)abc[0-9]").literalStart()).isNull();
        assertThat(window("\\bab[0-9]").literalStart()).isNull();
        assertThat(window("ab[0-9]|cd[0-9]").literalStart()).isNull();
        assertThat(window("a[0-9]").literalStart()).isNull(); // one char: not worth it
        assertThat(window("[a-z]{3}\\.atlas").literalStart()).isNull();
    }

    @Test
    void everyBuiltInWindowRule_thatHasALiteralStart_beginsItsPatternWithIt() {
        for (SecretRule rule : SecretRules.all()) {
            String literal = rule.literalStart();
            if (literal != null) {
                String regex = rule.pattern().pattern();
                assertThat(regex.replaceAll("\\\\([^A-Za-z0-9])", "$1"))
                        .as(rule.id())
                        .startsWith(literal);
            }
        }
    }

    private static String openAiKey(long seed) {
        return "sk-proj-" + random(ALNUM, 74, seed) + "T3BlbkFJ" + random(ALNUM, 74, seed + 1);
    }

    @Test
    void oneWindow_manyKeys_fewAndManyStarts_allFound() {
        // windows that merge: up to four start literals (matched at each) and more (searched)
        for (int keys : new int[] {1, 2, 4, 5, 9}) {
            StringBuilder text = new StringBuilder();
            String[] key = new String[keys];
            for (int k = 0; k < keys; k++) {
                key[k] = openAiKey(100 + 2L * k);
                text.append("k").append(k).append("=").append(key[k]).append('\n');
            }
            for (int k = 0; k < keys; k++) {
                assertFound(text.toString(), key[k], "openai-api-key");
            }
            // two rules know the format (by prefix and by the marker inside); each span counted once
            List<Integer> spans = scan(text.toString()).stream()
                    .filter(f -> f.rule().equals("openai-api-key"))
                    .map(Finding::start)
                    .distinct()
                    .toList();
            assertThat(spans).as(keys + " keys").hasSize(keys);
        }
    }

    @Test
    void startLiteralsThatBeginNoMatch_doNotHideTheOneThatDoes() {
        String key = openAiKey(7);
        String text = "sk- sk-x sk-proj-short then " + key + " end";
        assertFound(text, key, "openai-api-key");
    }
}
