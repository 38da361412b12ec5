package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both search strategies report exactly what a naive case-insensitive search finds. */
class AhoCorasickTest {

    /** Every occurrence as {@code pattern:start:end}, found by comparing at every index. */
    private static List<String> naive(List<String> patterns, String text) {
        List<String> out = new ArrayList<>();
        for (int start = 0; start < text.length(); start++) {
            for (int end = start + 1; end <= text.length(); end++) {
                for (int p = 0; p < patterns.size(); p++) {
                    String s = patterns.get(p);
                    if (s.length() == end - start && foldedEquals(text, start, s)) {
                        out.add(p + ":" + start + ":" + end);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean foldedEquals(String text, int at, String pattern) {
        for (int k = 0; k < pattern.length(); k++) {
            if (AhoCorasick.fold(text.charAt(at + k)) != AhoCorasick.fold(pattern.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> found(AhoCorasick ac, String text, int from, int to) {
        List<String> out = new ArrayList<>();
        ac.scan(text, from, to, (p, s, e) -> out.add(p + ":" + s + ":" + e));
        out.sort(null);
        return out;
    }

    private static String random(Random rnd, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void filteredSearch_findsWhatANaiveSearchFinds() {
        // at least two chars each: the three-char filter is used
        List<String> patterns = List.of("key", "KEY_", "ab", "pass", "пароль", "ſk", "a-b", "ba", "aaa");
        AhoCorasick ac = new AhoCorasick(patterns);
        Random rnd = new Random(7);
        String alphabet = "abkeyKEY_psPАПароль ſ-\u00e9";
        for (int round = 0; round < 300; round++) {
            String text = random(rnd, alphabet, rnd.nextInt(40));
            assertThat(found(ac, text, 0, text.length())).isEqualTo(naive(patterns, text));
        }
    }

    @Test
    void automaton_findsWhatANaiveSearchFinds() {
        // a one-char pattern: the full automaton is used
        List<String> patterns = List.of("a", "key", "ke", "eyk", "пароль", "ь");
        AhoCorasick ac = new AhoCorasick(patterns);
        Random rnd = new Random(11);
        String alphabet = "akeyKEYпароль ";
        for (int round = 0; round < 300; round++) {
            String text = random(rnd, alphabet, rnd.nextInt(40));
            assertThat(found(ac, text, 0, text.length())).isEqualTo(naive(patterns, text));
        }
    }

    @Test
    void manyDistinctChars_shareFilterCodes_butMissNothing() {
        // more than 63 classes: codes are shared, the filter lets more through, the walk still verifies
        List<String> patterns = new ArrayList<>();
        for (char c = '!'; c <= '~'; c++) {
            patterns.add("" + c + (char) ('~' - (c - '!')) + c);
        }
        patterns.add("\u00e9\u00e8\u00ea");
        AhoCorasick ac = new AhoCorasick(patterns);
        Random rnd = new Random(13);
        StringBuilder alphabet = new StringBuilder("\u00e9\u00e8\u00ea");
        for (char c = '!'; c <= '~'; c++) {
            alphabet.append(c);
        }
        for (int round = 0; round < 200; round++) {
            String text = random(rnd, alphabet.toString(), rnd.nextInt(60));
            assertThat(found(ac, text, 0, text.length())).isEqualTo(naive(patterns, text));
        }
    }

    @Test
    void filteredSearch_readsEveryCharAsItsFoldedForm() {
        // every UTF-16 unit in each position of a three-char prefix: the filter's per-char code table must agree
        // with the folding the comparison applies (K and the Kelvin sign fold to k, the long s does not fold to s)
        List<String> patterns = List.of("key", "k\u00e9y", "\u00e9ka", "yy\u00e9");
        AhoCorasick ac = new AhoCorasick(patterns);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            String text = ch + "ey " + "k" + ch + "y " + "ke" + ch + " \u00e9" + ch + "a yy" + ch;
            assertThat(found(ac, text, 0, text.length())).isEqualTo(naive(patterns, text));
        }
    }

    @Test
    void subRange_reportsIndicesOfTheWholeText() {
        AhoCorasick ac = new AhoCorasick(List.of("key", "token"));
        String text = "key token key";
        assertThat(found(ac, text, 4, 13)).containsExactlyInAnyOrder("1:4:9", "0:10:13");
        assertThat(found(ac, text, 1, 12)).containsExactly("1:4:9");
    }
}
