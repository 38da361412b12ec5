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

    @Test
    void keywordOffset_isWhereTheKeywordSitsInEveryMatch() {
        assertThat(SecretRule.tokenAround("t", 0, 80, 10, "[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}", "azdo")
                        .keywordOffset())
                .isEqualTo(76);
        assertThat(SecretRule.tokenAround("t", 0, 16, 10, "[a-z]{14}\\.atlas\\.[a-z]{9}", "atlas")
                        .keywordOffset())
                .isEqualTo(15);
        // not reachable from the window, a range, alternatives, no counted class first: none
        assertThat(SecretRule.tokenAround("t", 0, 40, 10, "[a-z]{76}AZDO", "azdo")
                        .keywordOffset())
                .isEqualTo(-1);
        assertThat(SecretRule.tokenAround("t", 0, 80, 10, "[a-z]{6,76}AZDO", "azdo")
                        .keywordOffset())
                .isEqualTo(-1);
        assertThat(SecretRule.tokenAround("t", 0, 80, 10, "[a-z]{7}AZDO|x", "azdo")
                        .keywordOffset())
                .isEqualTo(-1);
        assertThat(SecretRule.tokenAround("t", 0, 80, 10, "AZDO[a-z]{7}", "azdo")
                        .keywordOffset())
                .isEqualTo(-1);
    }

    private static String azureDevOpsPat(long seed) {
        return random(ALNUM, 76, seed) + "AZDO" + random(ALNUM, 4, seed + 1);
    }

    @Test
    void keywordAtAnOffset_tokensSideBySideAndAmongLookalikes_areFound() {
        String a = azureDevOpsPat(21);
        String b = azureDevOpsPat(23);
        // an AZDO too near the start, a copy of the token with a lower-case keyword inside, tokens on adjacent lines
        String text = "AZDO x " + a.substring(0, 30) + "azdo" + a.substring(34) + "\n" + a + "\n" + b + " end";
        assertFound(text, a, "azure-devops-pat");
        assertFound(text, b, "azure-devops-pat");
        // a run of token chars: no match is delimited, nothing is reported
        assertThat(scan("AZDO".repeat(500)))
                .noneSatisfy(f -> assertThat(f.rule()).isEqualTo("azure-devops-pat"));
    }

    @Test
    void denseRunOfOneRule_isCappedButEveryCharStaysCovered() {
        // a hostile repetition: the first DENSE_AFTER findings are matched, the rest is one span covering them
        String unit = "the password is 'Zq8#pLm2!x' ";
        String text = unit.repeat(400);
        List<Finding> prose = scan(text).stream()
                .filter(f -> f.rule().equals("prose-password"))
                .toList();
        assertThat(prose.size()).isBetween(TokenWindows.DENSE_AFTER, TokenWindows.DENSE_AFTER + 2);
        for (int k = 0; k < 400; k++) {
            int value = k * unit.length() + unit.indexOf('Z');
            assertThat(prose)
                    .as("value " + k)
                    .anySatisfy(f -> assertThat(f.start() <= value && value + 10 <= f.end())
                            .isTrue());
        }
    }

    @Test
    void sparseFindingsOfOneRule_areAllReportedOneByOne() {
        String unit = "the password is 'Zq8#pLm2!x'" + " filler words".repeat(10) + "\n";
        List<Finding> prose = scan(unit.repeat(200)).stream()
                .filter(f -> f.rule().equals("prose-password"))
                .toList();
        assertThat(prose)
                .hasSize(200)
                .allSatisfy(f -> assertThat(f.end() - f.start()).isEqualTo(10));
    }
}
