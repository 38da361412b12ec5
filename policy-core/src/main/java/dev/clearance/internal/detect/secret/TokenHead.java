package dev.clearance.internal.detect.secret;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * A necessary condition of an anchored match of a token rule's pattern, read off the pattern's head: the leading
 * literals, classes and counted repetitions ({@code xoxb-[0-9]{10,13}-}, {@code \$1\$[./0-9A-Za-z]{0,8}\$...}),
 * optional groups and top-level alternatives expanded into sequences. A hit whose text cannot start any sequence
 * is rejected without running RE2 (whose anchored match costs a few hundred nanoseconds even when it fails at the
 * first char: a dense run of {@code xoxb-1-} or {@code $1$} paid one per hit).
 *
 * <p>The check never rejects a text the pattern matches: each item of a sequence consumes the longest run of its
 * class (at most its maximum), which is what every match does when the item's class is disjoint from those of the
 * items that may follow it up to the next mandatory one; where that does not hold, or the count is unbounded, the
 * item's minimum is checked and the sequence accepted there. Constructs it does not read end a sequence (the rest
 * is not checked). Code points are counted as RE2 counts them; RE2's case folding ({@code (?i)}: ASCII case, the
 * long s and the Kelvin sign) is followed exactly.
 */
final class TokenHead {
    /** Longest bounded repetition consumed in full; longer ones are checked for their minimum only. */
    private static final int MAX_RUN = 256;
    /** Most sequences a head expands into (optional groups and alternatives multiply them). */
    private static final int MAX_SEQUENCES = 8;

    private static final char LONG_S = '\u017F';
    private static final char KELVIN = '\u212A';

    /** Chars of one class: ASCII bits, and which non-ASCII chars belong (none, RE2's folds of s and k, all). */
    private record Item(long lo, long hi, boolean all, boolean longS, boolean kelvin, int min, int max) {
        boolean has(int cp) {
            if (cp < 64) {
                return (lo >>> cp & 1) != 0;
            }
            if (cp < 128) {
                return (hi >>> (cp - 64) & 1) != 0;
            }
            return all || cp == LONG_S && longS || cp == KELVIN && kelvin;
        }

        boolean disjoint(Item o) {
            return (lo & o.lo) == 0
                    && (hi & o.hi) == 0
                    && !(all && (o.all || o.longS || o.kelvin))
                    && !(o.all && (longS || kelvin))
                    && !(longS && o.longS)
                    && !(kelvin && o.kelvin);
        }

        Item times(int from, int to) {
            return new Item(lo, hi, all, longS, kelvin, from, to);
        }
    }

    /** One expanded sequence: its items, whether each is consumed in full, and whether the pattern goes on. */
    private record Seq(List<Item> items, boolean truncated) {}

    private final Item[][] items;
    private final boolean[][] greedy;
    /**
     * Per sequence, the index of a split run {@code C{a,b} L C{c,d}} that ends it (L a literal of chars of C, as in
     * {@code [A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}}), read exactly by {@link #split}; -1: none.
     */
    private final int[] split;
    /** Whether every item of every sequence is consumed in full and the sequences are the whole pattern. */
    private final boolean exact;

    private TokenHead(List<Seq> sequences) {
        int[] split = null;
        items = new Item[sequences.size()][];
        greedy = new boolean[sequences.size()][];
        boolean all = true;
        for (int s = 0; s < items.length; s++) {
            Seq seq = sequences.get(s);
            Item[] it = seq.items().toArray(new Item[0]);
            boolean[] g = new boolean[it.length];
            split = split == null ? new int[items.length] : split;
            split[s] = -1;
            boolean greedyAll = true;
            for (int i = 0; i < it.length; i++) {
                g[i] = it[i].min() == it[i].max() || greedyOk(it, i, seq.truncated());
                if (!g[i] && greedyAll && !seq.truncated() && splitAt(it, i)) {
                    split[s] = i;
                    break;
                }
                greedyAll &= g[i];
            }
            all &= !seq.truncated() && (greedyAll || split[s] >= 0);
            items[s] = it;
            greedy[s] = g;
        }
        exact = all;
        this.split = split;
    }

    /**
     * Whether the items from {@code i} are {@code C{a,b}}, one or more single chars of {@code C}, and {@code C{c,d}}
     * ending the sequence, with {@code C} ASCII only and both counts bounded.
     */
    private static boolean splitAt(Item[] it, int i) {
        Item run = it[i];
        Item last = it[it.length - 1];
        if (run.all() || run.longS() || run.kelvin() || run.max() < 0 || run.max() > MAX_RUN) {
            return false;
        }
        if (it.length - i < 3
                || last.lo() != run.lo()
                || last.hi() != run.hi()
                || last.all()
                || last.longS()
                || last.kelvin()
                || last.max() < 0
                || last.max() > MAX_RUN) {
            return false;
        }
        for (int j = i + 1; j < it.length - 1; j++) {
            Item c = it[j];
            if (c.min() != 1
                    || c.max() != 1
                    || c.all()
                    || c.longS()
                    || c.kelvin()
                    || (c.lo() & ~run.lo()) != 0
                    || (c.hi() & ~run.hi()) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@link #matchEnd} is the pattern's anchored match: the sequences are the whole pattern, each item
     * consumed in full. Every match then takes the one path the sequence reads, and RE2's leftmost-first choice
     * between alternatives is the first sequence that reads through (they are kept in the pattern's order).
     */
    boolean exact() {
        return exact;
    }

    /**
     * For an {@link #exact()} head: the end of the pattern's anchored match at {@code from} within {@code limit}
     * (what RE2's {@code lookingAt} reports), or -1; the chars read are added to the scan's work.
     */
    int matchEnd(ScanState st, int from, int limit) {
        for (int s = 0; s < items.length; s++) {
            int end = sequence(s, st.chars, from, limit);
            st.work += 1 + (end >= 0 ? end : ~end) - from;
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    private static boolean greedyOk(Item[] it, int i, boolean truncated) {
        if (it[i].max() < 0 || it[i].max() > MAX_RUN) {
            return false;
        }
        for (int j = i + 1; j < it.length; j++) {
            if (!it[i].disjoint(it[j])) {
                return false;
            }
            if (it[j].min() >= 1) {
                return true;
            }
        }
        return !truncated;
    }

    /** The head of {@code pattern}, or null when it holds nothing to check. */
    static TokenHead of(Pattern pattern) {
        int flags = pattern.flags();
        if ((flags & ~Pattern.CASE_INSENSITIVE) != 0) {
            return null;
        }
        String regex = pattern.pattern();
        boolean ci = (flags & Pattern.CASE_INSENSITIVE) != 0;
        int at = 0;
        if (regex.startsWith("(?i)")) {
            ci = true;
            at = 4;
        }
        Parser p = new Parser(regex, at, ci);
        List<Seq> seqs = p.alternatives();
        if (seqs == null || seqs.isEmpty() || p.at != regex.length()) {
            return null;
        }
        for (Seq s : seqs) {
            if (s.items().isEmpty()) {
                return null; // a sequence that accepts everything: nothing to reject
            }
        }
        return new TokenHead(seqs);
    }

    /**
     * Whether an anchored match may start at {@code from} in the scan's chars up to {@code limit}; the chars read
     * are added to the scan's work.
     */
    boolean mayMatch(ScanState st, int from, int limit) {
        for (int s = 0; s < items.length; s++) {
            int end = sequence(s, st.chars, from, limit);
            st.work += 1 + (end >= 0 ? end : ~end) - from;
            if (end >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Where sequence {@code s} stopped reading: its position when it may match, else the complement of its position. */
    private int sequence(int s, char[] c, int from, int limit) {
        Item[] it = items[s];
        boolean[] g = greedy[s];
        int p = from;
        for (int i = 0; i < it.length; i++) {
            if (i == split[s]) {
                return split(it, i, c, p, limit);
            }
            Item item = it[i];
            int want = g[i] ? item.max() : item.min();
            int count = 0;
            while (count < want && p < limit) {
                int cp = c[p];
                int step = 1;
                if (Character.isHighSurrogate(c[p]) && p + 1 < limit && Character.isLowSurrogate(c[p + 1])) {
                    cp = Character.toCodePoint(c[p], c[p + 1]);
                    step = 2;
                }
                if (!item.has(cp)) {
                    break;
                }
                p += step;
                count++;
            }
            if (count < item.min()) {
                return ~p;
            }
            if (!g[i]) {
                return p;
            }
        }
        return p;
    }

    /**
     * The split run {@code C{a,b} L C{c,d}} at {@code p} (items from {@code i}): the match end or its complement.
     * Every char it spans is in {@code C} (ASCII), so it lies in the run of {@code C} at {@code p}; RE2 prefers the
     * longest first count, so the last place of {@code L} in reach that leaves {@code c} chars after it is taken,
     * and the last count is then as long as the run allows.
     */
    private static int split(Item[] it, int i, char[] c, int p, int limit) {
        Item run = it[i];
        Item last = it[it.length - 1];
        int literal = it.length - 1 - i - 1;
        int cap = Math.min(limit, p + run.max() + literal + last.max());
        int r = p;
        while (r < cap && c[r] < 128 && run.has(c[r])) {
            r++;
        }
        for (int k = Math.min(run.max(), r - p - literal - last.min()); k >= run.min(); k--) {
            int at = p + k;
            boolean holds = true;
            for (int j = 0; j < literal && holds; j++) {
                holds = it[i + 1 + j].has(c[at + j]);
            }
            if (holds) {
                return at + literal + Math.min(last.max(), r - at - literal);
            }
        }
        return ~r;
    }

    /** A recursive reader of the supported subset; null from a method: not readable at all. */
    private static final class Parser {
        private final String re;
        private final boolean ci;
        int at;

        Parser(String re, int at, boolean ci) {
            this.re = re;
            this.at = at;
            this.ci = ci;
        }

        /** Alternatives up to the end or an unmatched {@code )}. */
        List<Seq> alternatives() {
            List<Seq> all = new ArrayList<>();
            while (true) {
                List<Seq> one = sequence();
                if (one == null) {
                    return null;
                }
                all.addAll(one);
                if (all.size() > MAX_SEQUENCES) {
                    return null;
                }
                if (at < re.length() && re.charAt(at) == '|') {
                    at++;
                    continue;
                }
                return all;
            }
        }

        /**
         * One alternative: its expanded sequences. Reading stops at a construct it does not support; the rest of
         * the alternative is then skipped (to its {@code |} or closing paren) and the sequences marked truncated.
         */
        private List<Seq> sequence() {
            List<Seq> seqs = new ArrayList<>();
            seqs.add(new Seq(List.of(), false));
            while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
                int mark = at;
                List<Seq> atom = atom();
                if (atom == null) {
                    at = mark;
                    if (!skipRest()) {
                        return null;
                    }
                    return truncate(seqs);
                }
                seqs = concat(seqs, atom);
                if (seqs.size() > MAX_SEQUENCES) {
                    return null;
                }
            }
            return seqs;
        }

        private static List<Seq> truncate(List<Seq> seqs) {
            List<Seq> out = new ArrayList<>();
            for (Seq s : seqs) {
                out.add(new Seq(s.items(), true));
            }
            return out;
        }

        private static List<Seq> concat(List<Seq> left, List<Seq> right) {
            List<Seq> out = new ArrayList<>();
            for (Seq a : left) {
                if (a.truncated()) {
                    out.add(a);
                    continue;
                }
                for (Seq b : right) {
                    List<Item> items = new ArrayList<>(a.items());
                    items.addAll(b.items());
                    out.add(new Seq(items, b.truncated()));
                }
            }
            return out;
        }

        /** Skips to the end of the current alternative (balanced parens, classes and escapes); false if malformed. */
        private boolean skipRest() {
            int depth = 0;
            boolean inClass = false;
            while (at < re.length()) {
                char ch = re.charAt(at);
                if (ch == '\\') {
                    at += 2;
                    continue;
                }
                if (inClass) {
                    inClass = ch != ']';
                } else if (ch == '[') {
                    inClass = true;
                    if (at + 1 < re.length() && re.charAt(at + 1) == ']') {
                        at++;
                    }
                } else if (ch == '(') {
                    depth++;
                } else if (ch == ')') {
                    if (depth == 0) {
                        return true;
                    }
                    depth--;
                } else if (ch == '|' && depth == 0) {
                    return true;
                }
                at++;
            }
            return depth == 0 && !inClass;
        }

        /** One atom with its quantifier, as sequences; null when not supported (position then undefined). */
        private List<Seq> atom() {
            char ch = re.charAt(at);
            if (ch == '(') {
                int open = at;
                at++;
                if (re.startsWith("?:", at)) {
                    at += 2;
                } else if (at < re.length() && re.charAt(at) == '?') {
                    return null; // flags, names
                }
                List<Seq> inner = alternatives();
                if (inner == null || at >= re.length() || re.charAt(at) != ')') {
                    at = open;
                    return null;
                }
                at++;
                if (at < re.length() && re.charAt(at) == '?') {
                    at++;
                    lazy();
                    List<Seq> out = new ArrayList<>(inner);
                    out.add(new Seq(List.of(), false));
                    return out;
                }
                if (at < re.length() && "*+{".indexOf(re.charAt(at)) >= 0) {
                    return null;
                }
                return inner;
            }
            Item item = single();
            if (item == null) {
                return null;
            }
            int[] q = quantifier();
            if (q == null) {
                return null;
            }
            return List.of(new Seq(List.of(item.times(q[0], q[1])), false));
        }

        /** {@code ?*+{m}{m,}{m,n}} (lazy or not) after an atom: [min, max], max -1 when unbounded. */
        private int[] quantifier() {
            if (at >= re.length()) {
                return new int[] {1, 1};
            }
            char ch = re.charAt(at);
            int[] q;
            if (ch == '?') {
                q = new int[] {0, 1};
                at++;
            } else if (ch == '*') {
                q = new int[] {0, -1};
                at++;
            } else if (ch == '+') {
                q = new int[] {1, -1};
                at++;
            } else if (ch == '{') {
                int close = re.indexOf('}', at);
                if (close < 0) {
                    return null;
                }
                String body = re.substring(at + 1, close);
                try {
                    int comma = body.indexOf(',');
                    if (comma < 0) {
                        int m = Integer.parseInt(body);
                        q = new int[] {m, m};
                    } else {
                        int m = Integer.parseInt(body.substring(0, comma));
                        String rest = body.substring(comma + 1);
                        q = new int[] {m, rest.isEmpty() ? -1 : Integer.parseInt(rest)};
                    }
                } catch (NumberFormatException e) {
                    return null;
                }
                at = close + 1;
            } else {
                return new int[] {1, 1};
            }
            lazy();
            return q;
        }

        private void lazy() {
            if (at < re.length() && re.charAt(at) == '?') {
                at++;
            }
        }

        /** A literal, escape, {@code .} or class at {@code at}; null when not supported. */
        private Item single() {
            char ch = re.charAt(at);
            if (ch == '[') {
                return charClass();
            }
            if (ch == '.') {
                at++;
                long lo = ~(1L << '\n');
                return new Item(lo, ~0L, true, false, false, 1, 1);
            }
            if (ch == '\\') {
                Item e = escape(false);
                return e;
            }
            if ("^$*+?{}|)".indexOf(ch) >= 0 || ch >= 128) {
                return null;
            }
            at++;
            return fold(bits(ch, 0L, 0L), false);
        }

        /** A set of ASCII chars as {lo, hi}. */
        private static long[] bits(char ch, long lo, long hi) {
            if (ch < 64) {
                lo |= 1L << ch;
            } else {
                hi |= 1L << (ch - 64);
            }
            return new long[] {lo, hi};
        }

        /** The item of an ASCII set, with RE2's case folding when the pattern ignores case; negated on request. */
        private Item fold(long[] set, boolean negated) {
            long lo = set[0];
            long hi = set[1];
            boolean s = false;
            boolean k = false;
            if (ci) {
                for (char c = 'a'; c <= 'z'; c++) {
                    long lower = 1L << (c - 64);
                    long upper = 1L << (c - 32 - 64);
                    if ((hi & (lower | upper)) != 0) {
                        hi |= lower | upper;
                        s |= c == 's';
                        k |= c == 'k';
                    }
                }
            }
            if (negated) {
                if (s || k) {
                    return null; // [^s] under (?i) excludes the long s: not modelled
                }
                return new Item(~lo, ~hi, true, false, false, 1, 1);
            }
            return new Item(lo, hi, false, s, k, 1, 1);
        }

        /** An escape at {@code at} ({@code \d \w \s}, escaped punctuation, {@code \t \n \r \f}); null otherwise. */
        private Item escape(boolean inClass) {
            if (at + 1 >= re.length()) {
                return null;
            }
            char e = re.charAt(at + 1);
            at += 2;
            long[] set;
            switch (e) {
                case 'd' -> set = range('0', '9', 0L, 0L);
                case 'w' -> {
                    set = range('0', '9', 0L, 0L);
                    set = range('A', 'Z', set[0], set[1]);
                    set = range('a', 'z', set[0], set[1]);
                    set = bits('_', set[0], set[1]);
                }
                case 's' -> {
                    set = bits('\t', 0L, 0L);
                    set = bits('\n', set[0], set[1]);
                    set = bits('\f', set[0], set[1]);
                    set = bits('\r', set[0], set[1]);
                    set = bits(' ', set[0], set[1]);
                }
                case 't' -> set = bits('\t', 0L, 0L);
                case 'n' -> set = bits('\n', 0L, 0L);
                case 'r' -> set = bits('\r', 0L, 0L);
                case 'f' -> set = bits('\f', 0L, 0L);
                default -> {
                    if (e < 128 && !Character.isLetterOrDigit(e)) {
                        set = bits(e, 0L, 0L);
                    } else {
                        return null;
                    }
                }
            }
            if (inClass) {
                return new Item(set[0], set[1], false, false, false, 1, 1);
            }
            return fold(set, false);
        }

        private static long[] range(char from, char to, long lo, long hi) {
            long[] set = {lo, hi};
            for (char c = from; c <= to; c++) {
                set = bits(c, set[0], set[1]);
            }
            return set;
        }

        /** {@code [...]} of ASCII chars, ranges and escapes; null otherwise. */
        private Item charClass() {
            int open = at;
            at++;
            boolean negated = false;
            if (at < re.length() && re.charAt(at) == '^') {
                negated = true;
                at++;
            }
            long[] set = {0L, 0L};
            boolean first = true;
            while (at < re.length() && (re.charAt(at) != ']' || first)) {
                first = false;
                char lowEnd;
                if (re.charAt(at) == '\\') {
                    char e = at + 1 < re.length() ? re.charAt(at + 1) : 0;
                    Item esc = escape(true);
                    if (esc == null) {
                        at = open;
                        return null;
                    }
                    if ("dws".indexOf(e) >= 0) {
                        set = new long[] {set[0] | esc.lo(), set[1] | esc.hi()};
                        continue;
                    }
                    lowEnd = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 'f' ? '\f' : e;
                } else if (re.charAt(at) == '[' && at + 1 < re.length() && re.charAt(at + 1) == ':') {
                    at = open;
                    return null;
                } else {
                    lowEnd = re.charAt(at++);
                }
                if (lowEnd >= 128) {
                    at = open;
                    return null;
                }
                if (at + 1 < re.length() && re.charAt(at) == '-' && re.charAt(at + 1) != ']') {
                    at++;
                    char highEnd;
                    if (re.charAt(at) == '\\') {
                        char e = at + 1 < re.length() ? re.charAt(at + 1) : 0;
                        if (e >= 128 || Character.isLetterOrDigit(e)) {
                            at = open;
                            return null;
                        }
                        highEnd = e;
                        at += 2;
                    } else {
                        highEnd = re.charAt(at++);
                    }
                    if (highEnd >= 128 || highEnd < lowEnd) {
                        at = open;
                        return null;
                    }
                    set = range(lowEnd, highEnd, set[0], set[1]);
                } else {
                    set = bits(lowEnd, set[0], set[1]);
                }
            }
            if (at >= re.length()) {
                at = open;
                return null;
            }
            at++; // ]
            Item item = fold(set, negated);
            if (item == null) {
                at = open;
            }
            return item;
        }
    }
}
