package dev.clearance.internal.detect.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.clearance.internal.detect.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The head pre-check of token rules: rejects what cannot start a match, never what RE2 matches. */
class TokenHeadTest {

    private static boolean mayMatch(String regex, String text) {
        TokenHead head = TokenHead.of(Pattern.compile(regex));
        assertThat(head).as("head of %s", regex).isNotNull();
        ScanState st = new ScanState(ScanText.of(text), f -> {});
        return head.mayMatch(st, 0, text.length());
    }

    @Test
    void countedRunsAfterTheLiteral_areChecked() {
        String slack = "xoxb-[0-9]{10,13}-[0-9]{10,13}[A-Za-z0-9-]*";
        assertThat(mayMatch(slack, "xoxb-1-xoxb-1-xoxb-1-")).isFalse();
        assertThat(mayMatch(slack, "xoxb-12345678901-1234567890abc")).isTrue();
        assertThat(mayMatch(slack, "xoxb-12345678901234-1234567890")).isFalse(); // 14 digits: more than 13
        assertThat(mayMatch(slack, "xoxc-12345678901-1234567890")).isFalse();
    }

    @Test
    void aVariableRunFollowedByADisjointLiteral_isConsumedInFull() {
        String md5 = "\\$1\\$[./0-9A-Za-z]{0,8}\\$[./0-9A-Za-z]{22}";
        assertThat(mayMatch(md5, "$1$$1$$1$$1$$1$$1$$1$$1$$1$")).isFalse();
        assertThat(mayMatch(md5, "$1$abcdefgh$" + "a".repeat(22))).isTrue();
        assertThat(mayMatch(md5, "$1$$" + "a".repeat(22))).isTrue();
        assertThat(mayMatch(md5, "$1$abcdefghi$" + "a".repeat(22))).isFalse(); // a salt of nine
        assertThat(mayMatch(md5, "$1$abc$" + "a".repeat(21))).isFalse();
    }

    @Test
    void optionalGroupsAndAlternatives_areEachTried() {
        String sha = "\\$6\\$(?:rounds=[0-9]{1,9}\\$)?[./0-9A-Za-z]{0,16}\\$[./0-9A-Za-z]{86}";
        assertThat(mayMatch(sha, "$6$rounds=5000$$6$rounds=5000$")).isFalse();
        assertThat(mayMatch(sha, "$6$rounds=5000$salt$" + "b".repeat(86))).isTrue();
        assertThat(mayMatch(sha, "$6$salt$" + "b".repeat(86))).isTrue();
        assertThat(mayMatch("ab[0-9]{3}|cd[a-z]{3}", "cdxyz")).isTrue();
        assertThat(mayMatch("ab[0-9]{3}|cd[a-z]{3}", "cd123")).isFalse();
    }

    @Test
    void caseFolding_followsRe2() {
        String regex = "(?i)xapp-\\d-[A-Z0-9]+";
        assertThat(mayMatch(regex, "XAPP-1-abc")).isTrue();
        assertThat(mayMatch(regex, "xapp-1-\u017F")).isTrue(); // the long s folds to s
        assertThat(mayMatch(regex, "xapp-1-\u00E9")).isFalse();
        assertThat(mayMatch("xapp-[a-z]{2}", "XAPP-ab")).isFalse();
    }

    @Test
    void codePoints_areCountedAsRe2CountsThem() {
        // one supplementary code point is one repetition of a negated class
        assertThat(mayMatch("a[^:]{1,2}:", "a\uD83D\uDE00\uD83D\uDE00:")).isTrue();
        assertThat(mayMatch("a[^:]{1,2}:", "a\uD83D\uDE00\uD83D\uDE00b:")).isFalse();
    }

    @Test
    void aHeadReadInFull_isTheMatch() {
        TokenHead openai = TokenHead.of(Pattern.compile("sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,250}"));
        assertThat(openai.exact()).isTrue();
        String key = "sk-svcacct-" + "a1".repeat(60);
        ScanState st = new ScanState(ScanText.of(key + " rest"), f -> {});
        assertThat(openai.matchEnd(st, 0, key.length() + 5)).isEqualTo(key.length());
        assertThat(openai.matchEnd(st, 0, 50)).isEqualTo(-1);
        // a class run that overlaps the literal after it is not read in full
        assertThat(TokenHead.of(Pattern.compile("a[A-Z]{2,9}T3[a-z]{4}")).exact())
                .isFalse();
    }

    @Test
    void aRunSplitByALiteralOfItsOwnChars_isReadAsRe2MatchesIt() {
        String regex = "sk-(?:proj|admin)-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}"
                + "|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}";
        TokenHead head = TokenHead.of(Pattern.compile(regex));
        assertThat(head.exact()).isTrue();
        Pattern anchored = Pattern.compile("^(?:" + regex + ")");
        String a = "Ab1-".repeat(10);
        String[] texts = {
            "sk-proj-" + a + "T3BlbkFJ" + a + " tail",
            "sk-proj-" + a + "T3BlbkFJ" + a + "T3BlbkFJ" + "x".repeat(30),
            "sk-admin-" + a + "T3BlbkFJ" + "x".repeat(19) + ".",
            "sk-proj-" + "x".repeat(19) + "T3BlbkFJ" + a,
            "sk-" + "a".repeat(20) + "T3BlbkFJ" + "b".repeat(25),
            "sk-proj-" + "y".repeat(300) + "T3BlbkFJ" + a
        };
        for (String text : texts) {
            com.google.re2j.Matcher m = anchored.matcher(text);
            int expected = m.lookingAt() ? m.end() : -1;
            ScanState st = new ScanState(ScanText.of(text), f -> {});
            assertThat(head.matchEnd(st, 0, text.length())).as(text).isEqualTo(expected);
        }
    }

    @Test
    void unreadHeads_checkNothing() {
        assertThat(TokenHead.of(Pattern.compile("(?:a|b)*c"))).isNull();
        assertThat(TokenHead.of(Pattern.compile("\\bab"))).isNull();
    }

    /**
     * Every token rule's head against RE2 on random texts made of the pattern's own literals and runs of its kinds
     * of chars: wherever the anchored pattern matches, the head accepts.
     */
    @Test
    void neverRejectsWhatRe2Matches() {
        String[] runs = {
            SecretRuleFixtures.ALNUM,
            SecretRuleFixtures.HEX,
            SecretRuleFixtures.CRYPT64,
            "0123456789",
            "-_.~+/=",
            "$:;,=\"' \t\n",
            "\u017F\u212A\u00E9",
            "\uD83D\uDE00"
        };
        Random random = new Random(42);
        int matched = 0;
        int rejected = 0;
        int exact = 0;
        for (SecretRule rule : SecretRules.all()) {
            TokenHead head = rule.kind() == SecretRule.Kind.TOKEN ? TokenHead.of(rule.pattern()) : null;
            if (head == null) {
                continue;
            }
            Pattern anchored = rule.compileAnchored();
            List<String> literals = literals(rule.pattern().pattern());
            for (int k = 0; k < 3000; k++) {
                StringBuilder b = new StringBuilder(literals.get(random.nextInt(literals.size())));
                int chunks = 1 + random.nextInt(8);
                for (int c = 0; c < chunks; c++) {
                    if (random.nextInt(3) == 0) {
                        b.append(literals.get(random.nextInt(literals.size())));
                    } else {
                        String alphabet = runs[random.nextInt(runs.length)];
                        int len = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(24);
                        for (int i = 0; i < len; i++) {
                            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
                String text = b.toString();
                com.google.re2j.Matcher m = anchored.matcher(text);
                boolean re2 = m.lookingAt();
                ScanState st = new ScanState(ScanText.of(text), f -> {});
                boolean ok = head.mayMatch(st, 0, text.length());
                if (head.exact()) {
                    exact++;
                    assertThat(head.matchEnd(st, 0, text.length()))
                            .as("%s: the exact head ends where RE2 does", rule.id())
                            .isEqualTo(re2 ? m.end() : -1);
                }
                if (re2) {
                    matched++;
                    assertThat(ok).as("%s accepts what RE2 matches", rule.id()).isTrue();
                } else if (!ok) {
                    rejected++;
                }
            }
        }
        assertThat(matched).as("texts RE2 matched").isGreaterThan(200);
        assertThat(rejected).as("texts the heads rejected").isGreaterThan(10_000);
        assertThat(exact).as("texts matched by exact heads").isGreaterThan(10_000);
    }

    /** The pattern's literal words and punctuation, the keyword-like pieces a text is made of. */
    private static List<String> literals(String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = java.util.regex.Pattern.compile("(?:\\\\[$.\\-/]|[A-Za-z0-9_\\-=:$/.])+")
                .matcher(regex);
        while (m.find()) {
            out.add(m.group().replace("\\", ""));
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }
}
