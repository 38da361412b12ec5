package dev.clearance.internal.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A case-insensitive Aho-Corasick automaton compiled to a full transition table over the characters that occur in
 * its patterns (every other character leads back to the root). One pass over the text, no allocation per match.
 * Case folding is per UTF-16 unit ({@link Character#toLowerCase(char)}), so reported indices are those of the
 * scanned string.
 */
final class AhoCorasick {

    /** Receives matches: pattern index and its span {@code [start, end)}. */
    @FunctionalInterface
    interface Hits {
        void hit(int pattern, int start, int end);
    }

    private final char[] classOf;     // folded char -> class (0 = not in any pattern)
    private final int classes;
    private final int[] next;         // state * classes + class -> state
    private final int[][] outputs;    // state -> pattern indices ending here (suffix outputs included)
    private final int[] lengths;      // pattern -> length

    AhoCorasick(List<String> patterns) {
        char[] map = new char[Character.MAX_VALUE + 1];
        int cls = 1;
        lengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            lengths[p] = s.length();
            for (int i = 0; i < s.length(); i++) {
                char c = fold(s.charAt(i));
                if (map[c] == 0) {
                    map[c] = (char) cls++;
                }
            }
        }
        classOf = map;
        classes = cls;
        // trie
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(new int[classes]);
        out.add(new ArrayList<>());
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            if (s.isEmpty()) {
                continue;
            }
            int state = 0;
            for (int i = 0; i < s.length(); i++) {
                int c = map[fold(s.charAt(i))];
                int to = trie.get(state)[c];
                if (to == 0) {
                    to = trie.size();
                    trie.add(new int[classes]);
                    out.add(new ArrayList<>());
                    trie.get(state)[c] = to;
                }
                state = to;
            }
            out.get(state).add(p);
        }
        int n = trie.size();
        next = new int[n * classes];
        int[] fail = new int[n];
        outputs = new int[n][];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int c = 1; c < classes; c++) {
            int to = trie.get(0)[c];
            next[c] = to;
            if (to != 0) {
                queue[tail++] = to;
            }
        }
        outputs[0] = new int[0];
        while (head < tail) {
            int s = queue[head++];
            List<Integer> o = new ArrayList<>(out.get(s));
            for (int p : outputs[fail[s]]) {
                o.add(p);
            }
            outputs[s] = o.stream().mapToInt(Integer::intValue).toArray();
            for (int c = 1; c < classes; c++) {
                int to = trie.get(s)[c];
                if (to != 0) {
                    fail[to] = next[fail[s] * classes + c];
                    next[s * classes + c] = to;
                    queue[tail++] = to;
                } else {
                    next[s * classes + c] = next[fail[s] * classes + c];
                }
            }
        }
        for (int s = 0; s < n; s++) {
            if (outputs[s] == null) {
                outputs[s] = new int[0];
            }
        }
    }

    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    /** Reports every occurrence (overlapping ones included) of every pattern in {@code text[from, to)}. */
    void scan(String text, int from, int to, Hits hits) {
        final char[] map = classOf;
        final int k = classes;
        final int[] table = next;
        int state = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int cl = map[c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : Character.toLowerCase(c)];
            state = table[state * k + cl];
            if (state != 0) {
                int[] o = outputs[state];
                for (int j = 0; j < o.length; j++) {
                    int p = o[j];
                    hits.hit(p, i + 1 - lengths[p], i + 1);
                }
            }
        }
    }

}
