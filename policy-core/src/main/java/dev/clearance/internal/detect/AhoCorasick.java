package dev.clearance.internal.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Case-insensitive multi-keyword search. Two strategies, both one pass without allocation per match:
 * <ul>
 *   <li>when every pattern has 2 to {@value #MAX_VERIFY} characters: a filter on the first three (folded) chars
 *       at each position, one lookup in a small bit set with no dependency between positions, and an anchored
 *       walk of the trie only where the filter passes (a few percent of positions in prose and code);</li>
 *   <li>otherwise an Aho-Corasick automaton compiled to a full transition table over the characters that occur
 *       in its patterns (every other character leads back to the root).</li>
 * </ul>
 * Either way every occurrence (overlapping ones included) is reported, and the work per text position is bounded
 * by the longest pattern. Case folding is per UTF-16 unit ({@link Character#toLowerCase(char)}), so reported
 * indices are those of the scanned string.
 */
public final class AhoCorasick {

    /** Receives matches: pattern index and its span {@code [start, end)}. */
    @FunctionalInterface
    public interface Hits {
        void hit(int pattern, int start, int end);
    }

    /** ASCII char -> class of its folded form (0 = not in any pattern). */
    private final char[] asciiClass = new char[128];
    /**
     * The other chars whose folded form is in a pattern, as an open-addressed table (keys 0: empty slot; no such
     * char is 0): a few dozen entries instead of a 128 KB table that every lookup would pull into the cache.
     */
    private final char[] otherKeys;

    private final char[] otherClass;
    private final int otherMask;
    private final int classes;
    private final int[] next; // state * classes + class -> state
    private final int[][] outputs; // state -> pattern indices ending here (suffix outputs included)
    private final int[] lengths; // pattern -> length
    /** Longest pattern for which the filtered anchored walk is used (bounds its work per position). */
    static final int MAX_VERIFY = 64;

    /**
     * Plain trie (no failures): {@code row + class -> child}, where a state's row is {@code state * classes} and a
     * child is its row shifted left by one, its low bit set when patterns end there; 0 = none. A walk then reads
     * one entry per char, and the outputs only where there are some.
     */
    private final int[] trie;

    private final int[][] own; // state -> patterns ending exactly here
    /**
     * Bit set over the 6-bit codes (class mod 64) of the first three chars of every pattern, indexed
     * {@code c0 << 12 | c1 << 6 | c2}: 32 KB, exact on ASCII text when the patterns hold at most 63 distinct ASCII
     * chars. Null: use the automaton.
     */
    private final long[] filter;

    /**
     * Char -> its 6-bit code, for every char (64 KB, of which ASCII text reads two cache lines): the filter's loop
     * then has no branch on the char and no probe of the table of other chars. Null: use the automaton.
     */
    private final byte[] codes;

    public AhoCorasick(List<String> patterns) {
        // classes: ASCII chars first (ascending), then the others, so that ASCII text gets exact filter codes
        // whenever the patterns hold at most 63 distinct ASCII chars
        java.util.TreeSet<Character> ascii = new java.util.TreeSet<>();
        java.util.LinkedHashSet<Character> other = new java.util.LinkedHashSet<>();
        lengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            lengths[p] = s.length();
            for (int i = 0; i < s.length(); i++) {
                char c = fold(s.charAt(i));
                (c < 128 ? ascii : other).add(c);
            }
        }
        char[] map = new char[Character.MAX_VALUE + 1];
        int cls = 1;
        for (char c : ascii) {
            map[c] = (char) cls++;
        }
        for (char c : other) {
            map[c] = (char) cls++;
        }
        classes = cls;
        // the class of every char as it occurs in a text (folded first), so that a scan does not fold
        int others = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char cl = map[fold((char) c)];
            if (c < 128) {
                asciiClass[c] = cl;
            } else if (cl != 0) {
                others++;
            }
        }
        int size = Integer.highestOneBit(Math.max(4, others * 4 - 1)) << 1;
        otherKeys = new char[size];
        otherClass = new char[size];
        otherMask = size - 1;
        for (int c = 128; c <= Character.MAX_VALUE; c++) {
            char cl = map[fold((char) c)];
            if (cl != 0) {
                int slot = slot((char) c);
                while (otherKeys[slot] != 0) {
                    slot = (slot + 1) & otherMask;
                }
                otherKeys[slot] = (char) c;
                otherClass[slot] = cl;
            }
        }
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
                int c = classOf(s.charAt(i));
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
        int minLen = Integer.MAX_VALUE;
        int maxLen = 0;
        for (String p : patterns) {
            if (!p.isEmpty()) {
                minLen = Math.min(minLen, p.length());
                maxLen = Math.max(maxLen, p.length());
            }
        }
        this.trie = new int[n * classes];
        this.own = new int[n][];
        for (int st = 0; st < n; st++) {
            own[st] = out.get(st).stream().mapToInt(Integer::intValue).toArray();
        }
        for (int st = 0; st < n; st++) {
            int[] row = trie.get(st);
            for (int c = 0; c < classes; c++) {
                int to = row[c];
                this.trie[st * classes + c] = to == 0 ? 0 : to * classes << 1 | (own[to].length > 0 ? 1 : 0);
            }
        }
        if (maxLen > 0 && minLen >= 2 && maxLen <= MAX_VERIFY) {
            filter = new long[1 << 12];
            for (String p : patterns) {
                if (p.isEmpty()) {
                    continue;
                }
                int ab = code(p.charAt(0)) << 12 | code(p.charAt(1)) << 6;
                if (p.length() >= 3) {
                    set(filter, ab | code(p.charAt(2)));
                } else {
                    for (int c = 0; c < 64; c++) {
                        set(filter, ab | c);
                    }
                }
            }
        } else {
            filter = null;
        }
        if (filter != null) {
            codes = new byte[Character.MAX_VALUE + 1];
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                codes[c] = (byte) code((char) c);
            }
        } else {
            codes = null;
        }
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

    private static void set(long[] bits, int h) {
        bits[h >>> 6] |= 1L << h;
    }

    /**
     * The char's class reduced to 6 bits: 0 only for chars in no pattern; classes up to 63 (the ASCII chars of the
     * patterns, when they are at most 63) keep their own code, later ones share codes 1 to 63.
     */
    private int code(char c) {
        int cl = classOf(c);
        return cl <= 63 ? cl : (cl - 1) % 63 + 1;
    }

    private int slot(char c) {
        return (c * 0x9E3B) >>> 7 & otherMask;
    }

    /** The class of {@code c} as it occurs in a text (0: in no pattern). */
    private int classOf(char c) {
        if (c < 128) {
            return asciiClass[c];
        }
        int slot = slot(c);
        char k;
        while ((k = otherKeys[slot]) != 0) {
            if (k == c) {
                return otherClass[slot];
            }
            slot = (slot + 1) & otherMask;
        }
        return 0;
    }

    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    /** Reports every occurrence (overlapping ones included) of every pattern in {@code text[from, to)}. */
    public void scan(String text, int from, int to, Hits hits) {
        char[] chars = new char[to - from];
        text.getChars(from, to, chars, 0);
        scan(chars, from, 0, to - from, hits);
    }

    /**
     * Reports every occurrence of every pattern in {@code chars[from, to)}, with indices shifted by {@code offset}
     * (the index in the caller's text of {@code chars[0]}).
     */
    public void scan(char[] chars, int offset, int from, int to, Hits hits) {
        if (filter != null) {
            filtered(chars, offset, from, to, hits);
        } else {
            automaton(chars, offset, from, to, hits);
        }
    }

    private void filtered(char[] text, int offset, int from, int to, Hits hits) {
        final long[] bits = filter;
        final byte[] code = codes;
        int i = from;
        if (to - from >= 3) {
            int h = code[text[from]] << 6 | code[text[from + 1]];
            for (int last = to - 2; i < last; i++) {
                h = (h << 6 | code[text[i + 2]]) & 0x3FFFF;
                if ((bits[h >>> 6] & 1L << h) != 0) {
                    walk(text, offset, i, to, hits);
                }
            }
        }
        for (; i < to; i++) {
            walk(text, offset, i, to, hits);
        }
    }

    /** Reports every pattern that starts at {@code start} (shorter first). */
    private void walk(char[] text, int offset, int start, int to, Hits hits) {
        final char[] map = asciiClass;
        final int k = classes;
        final int[] t = trie;
        int row = 0;
        for (int j = start; j < to; j++) {
            char c = text[j];
            int next = t[row + (c < 128 ? map[c] : classOf(c))]; // class 0 (in no pattern) has no child
            if (next == 0) {
                return;
            }
            row = next >>> 1;
            if ((next & 1) != 0) {
                int[] o = own[row / k];
                for (int q = 0; q < o.length; q++) {
                    hits.hit(o[q], offset + start, offset + j + 1);
                }
            }
        }
    }

    private void automaton(char[] text, int offset, int from, int to, Hits hits) {
        final char[] map = asciiClass;
        final int k = classes;
        final int[] table = next;
        int state = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            state = table[state * k + (c < 128 ? map[c] : classOf(c))];
            if (state != 0) {
                int[] o = outputs[state];
                for (int j = 0; j < o.length; j++) {
                    int p = o[j];
                    hits.hit(p, offset + i + 1 - lengths[p], offset + i + 1);
                }
            }
        }
    }
}
