package dev.clearance.internal.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the evasion-resistant views of a text. Each builder is one linear pass and runs only when the text
 * holds what it undoes, so plain ASCII prose costs one scan for triggers.
 */
public final class Views {
    /** Shortest base64 run worth decoding. */
    static final int MIN_BASE64 = 16;
    /** Longest base64 run decoded; longer ones are data, not a hidden credential. */
    static final int MAX_BASE64 = 16 * 1024;
    /** Most decoded chars per text, so decoding cannot multiply the cost of a scan. */
    static final int MAX_DECODED_TOTAL = 1 << 20;
    /** Most transformations stacked on one view (base64 inside URL encoding inside HTML entities). */
    static final int MAX_DEPTH = 3;
    /** Most chars one gzip or zlib stream inflates to. */
    static final int MAX_INFLATED = 64 * 1024;

    /** A char the trigger pass stops at: every char but the base64 ones the rejoin preconditions ignore. */
    private static final byte STOP = 1;
    /** A char that ends a run of base64 chars. */
    private static final byte ENDS_RUN = 2;
    /** A char of {@link Triggers#looksAt}. */
    private static final byte LOOKS = 4;
    /** A char that may start a view of its own: above ASCII, {@code %}, {@code ( [ { &}, a quote or a backslash. */
    private static final byte OPENS = 8;
    /**
     * The classes of every char, so the trigger pass reads one table entry per char with no range test: it stops
     * only at the chars with a class (0 for letters but {@code J}, digits and {@code +}, most of a text), and at a
     * stop the class says which tests apply (most stops, line breaks and punctuation, need none or one).
     */
    private static final byte[] CLASS = new byte[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            int cls = 0;
            if (!isBase64(ch)) {
                cls = STOP | ENDS_RUN;
            } else if (Triggers.looksAt(ch)) {
                cls = STOP;
            }
            if (Triggers.looksAt(ch)) {
                cls |= LOOKS;
            }
            if (c >= 0x80 || "%([{&\"'\\".indexOf(ch) >= 0) {
                cls |= OPENS;
            }
            CLASS[c] = (byte) cls;
        }
    }

    private Views() {}

    /** What one call of {@link #of} may still spend, across every level of nesting. */
    private static final class Budget {
        /** Chars of views that may still be looked at again for nested encodings. */
        long nested;
        /** Chars that base64, gzip and zlib may still decode to. */
        int decoded = MAX_DECODED_TOTAL;
        /** Chars examined and produced so far, for the linearity guard. */
        long work;

        /** Whether each rejoin builder runs only when the trigger pass saw its precondition. */
        final boolean gated;

        /** Texts of the views so far; made at the first view. */
        java.util.Set<String> seen;
        /** Rejoined views: they are looked at again for encodings, not rejoined again; made at the first one. */
        java.util.Set<View> rejoined;
        /** Spans of the text one level looked at that could not be reassembled within the caps. */
        int[] pending = NONE;
        /** Those spans in original offsets, as start, end pairs. */
        List<int[]> suspects = List.of();

        Budget(int n, boolean gated) {
            nested = 2L * n + 65536;
            this.gated = gated;
        }

        /** What the trigger pass of the last level saw, for tests. */
        Triggers triggers;

        boolean rejoined(View v) {
            return rejoined != null && rejoined.contains(v);
        }
    }

    private static final int[] NONE = new int[0];

    /**
     * The views worth scanning besides the text itself; empty for ordinary text. One pass finds the triggers;
     * each view that undid something is looked at again, to {@link #MAX_DEPTH} levels and within a budget
     * linear in the text, for what it still hides.
     */
    public static List<View> of(String text) {
        return analyze(text).views();
    }

    /**
     * The views of {@code text} and the spans of it that could not be reassembled (a join of more pieces than
     * the cap, mostly of one or two chars): those are not trusted and a scan reports them as secrets.
     */
    public static Analysis analyze(String text) {
        return analyze(text, true);
    }

    /** {@link #analyze(String)} of a scan's shared text. */
    public static Analysis analyze(dev.clearance.internal.detect.ScanText text) {
        return analyze(text.string(), text.chars(), true);
    }

    /**
     * {@link #analyze}, with every rejoin builder run over the whole text when not {@code gated}: the reference the
     * gated analysis must equal (tests only).
     */
    static Analysis analyze(String text, boolean gated) {
        return analyze(text, text.toCharArray(), gated);
    }

    /** {@link #analyze(String, boolean)} of {@code text} whose chars are {@code chars} (read, never written). */
    private static Analysis analyze(String text, char[] chars, boolean gated) {
        List<View> views = new ArrayList<>(0);
        Budget budget = new Budget(text.length(), gated);
        build(text, chars, null, budget, views, true);
        return new Analysis(views, List.copyOf(budget.suspects));
    }

    /** The views of a text and its suspect spans ({@code [start, end)} pairs in original offsets). */
    public record Analysis(List<View> views, List<int[]> suspects) {}

    /** What the trigger pass over {@code text} records for the rejoin builders (tests only). */
    static Triggers triggers(String text) {
        Budget budget = new Budget(text.length(), true);
        level(text, text.toCharArray(), budget, true);
        return budget.triggers;
    }

    /** The work {@link #of} does on {@code text}: chars examined and produced by every pass, at every level. */
    public static long work(String text) {
        Budget budget = new Budget(text.length(), true);
        build(text, text.toCharArray(), null, budget, new ArrayList<>(), true);
        return budget.work;
    }

    private static void build(String text, char[] chars, View outer, Budget budget, List<View> views, boolean rejoin) {
        List<View> level = level(text, chars, budget, rejoin);
        for (int i = 0; i + 1 < budget.pending.length; i += 2) {
            int s = budget.pending[i];
            int e = budget.pending[i + 1];
            if (budget.suspects.isEmpty()) {
                budget.suspects = new ArrayList<>();
            }
            budget.suspects.add(
                    outer == null ? new int[] {s, e} : new int[] {outer.originalStart(s, e), outer.originalEnd(s, e)});
        }
        budget.pending = NONE;
        for (View v : level) {
            if (budget.seen == null) {
                budget.seen = new java.util.HashSet<>();
            }
            if (!budget.seen.add(v.text())) {
                continue;
            }
            budget.work += v.text().length();
            View mapped = outer == null ? v : v.within(outer);
            views.add(mapped);
            if (mapped.depth() < MAX_DEPTH && budget.nested >= v.text().length()) {
                budget.nested -= v.text().length();
                build(v.text(), v.text().toCharArray(), mapped, budget, views, !budget.rejoined(v));
            }
        }
    }

    /** One level of views of {@code text}. */
    private static List<View> level(String text, char[] a, Budget budget, boolean rejoin) {
        List<View> views = new ArrayList<>(0);
        budget.work += a.length;
        boolean fold = false;
        boolean entity = false;
        boolean escape = false;
        boolean percent = false;
        boolean quote = false;
        boolean wide = false;
        int[][] scratch = RUNS.get();
        int[] runs = scratch[0];
        int runCount = 0;
        int n = a.length;
        Triggers triggers = rejoin ? new Triggers() : null;
        // the char before the run of base64 chars the pass is in (-1 before the text)
        int lastEnd = -1;
        int i = 0;
        while (true) {
            // letters, digits, '+': one table entry each, the only branch the loop's
            while (i < n && CLASS[a[i]] == 0) {
                i++;
            }
            if (i < n && a[i] == ' ') {
                // the most common stop, kept short: a blank ends the run of base64 chars lastEnd + 1 .. i - 1
                int len = i - lastEnd - 1;
                if (len >= MIN_BASE64 && decodable(a, lastEnd + 1, i)) {
                    runs = push(runs, runCount++, lastEnd + 1, i);
                }
                if (len <= 2 && triggers != null) {
                    blank(a, i, len, triggers);
                }
                lastEnd = i;
                i++;
                continue;
            }
            if (i == n || (CLASS[a[i]] & ENDS_RUN) != 0) {
                // the run of base64 chars (words, numbers, tokens) lastEnd + 1 .. i - 1 ended
                if (i - lastEnd - 1 >= MIN_BASE64 && decodable(a, lastEnd + 1, i)) {
                    runs = push(runs, runCount++, lastEnd + 1, i);
                }
                if (i == n) {
                    break;
                }
                lastEnd = i;
            }
            char c = a[i];
            int cls = CLASS[c];
            if ((cls & LOOKS) != 0 && triggers != null && Triggers.mayRecord(a, i, c)) {
                triggers.at(a, i, c);
            }
            if ((cls & OPENS) == 0) {
                i++;
                continue;
            }
            if (c >= 0x80) {
                wide |= c > 0xFF;
                fold |= !fold && Fold.changesAt(a, i);
                if (c == '\u00B7' && triggers != null) {
                    triggers.at(a, i, c);
                }
            } else if (c == '%') {
                // only an escape urlDecoded would decode: a '%' of prose ("50%") builds no view
                percent |= !percent && decodableEscape(a, i);
            } else if (c == '(' || c == '[' || c == '{') {
                entity |= !entity && Unescape.spelled(a, i) >= 0;
            } else if (c == '&') {
                entity |= i + 2 < n && (a[i + 1] == '#' || Character.isLetter(a[i + 1]));
            } else if (c == '"' || c == '\'' || c == '\\') {
                if (c == '\\' && i + 1 < n && "uUx".indexOf(a[i + 1]) >= 0) {
                    escape = true;
                }
                if (!quote) {
                    quote = joiner(a, i) > 0;
                }
            }
            i++;
        }
        if (runs != scratch[0] && runs.length <= KEPT_RUNS) {
            scratch[0] = runs;
        }
        if (fold || quote) {
            budget.work += n;
            View v = folded(a, fold, quote);
            if (v != null) {
                views.add(v);
            }
        }
        if (entity || escape) {
            budget.work += n;
            View v = Unescape.unescaped(a);
            if (v != null) {
                views.add(v);
            }
        }
        if (percent) {
            budget.work += n;
            View v = urlDecoded(a);
            if (v != null) {
                views.add(v);
            }
        }
        if (triggers != null) {
            triggers.wide = wide;
        }
        budget.triggers = triggers;
        long[] rejoinWork = {0};
        Rejoin.Result rejoined = rejoin ? Rejoin.of(text, a, rejoinWork, budget.gated ? triggers : null) : null;
        budget.work += rejoinWork[0];
        if (rejoined != null) {
            if (rejoined.view() != null) {
                views.add(rejoined.view());
                if (budget.rejoined == null) {
                    budget.rejoined = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                }
                budget.rejoined.add(rejoined.view());
            }
            budget.pending = rejoined.suspects();
        }
        int r = 0;
        while (r < runCount && budget.decoded > 0) {
            int s = runs[r * 2];
            int e = runs[r * 2 + 1];
            int next = r + 1;
            boolean wrapped = false;
            boolean capped = false;
            // base64 wrapped at a fixed column (76 for MIME, 64 for PEM): lines of a multiple of 4 chars, one run
            while ((runs[(next - 1) * 2 + 1] - runs[(next - 1) * 2]) % 4 == 0 && e == runs[(next - 1) * 2 + 1]) {
                int g = lineGapEnd(a, e);
                if (g < 0) {
                    break;
                }
                if (next < runCount && runs[next * 2] == g) {
                    if (runs[next * 2 + 1] - s > MAX_BASE64) {
                        capped = true;
                        break;
                    }
                    e = runs[next * 2 + 1];
                    next++;
                    wrapped = true;
                    continue;
                }
                // a last line too short to be a run of its own
                int t = g;
                while (t < n && t - g < 80 && t < s + MAX_BASE64 && isBase64(a[t])) {
                    t++;
                }
                if (t > g && (t >= n || !isBase64(a[t]))) {
                    e = t;
                    wrapped = true;
                }
                break;
            }
            int end = e;
            while (e < n && e - end < 2 && a[e] == '=') {
                e++;
            }
            budget.work += e - s;
            String decoded = null;
            if (!unprintable(a, s, e)) {
                String run = text.substring(s, e);
                decoded = decode(wrapped ? stripBreaks(run) : run, budget.decoded);
            }
            if (decoded != null) {
                budget.decoded -= decoded.length();
                views.add(new View(decoded, s, e));
            }
            // a block cut at the cap goes on from its last line, so a value across the cut is still whole once
            r = capped && next - 1 > r ? next - 1 : next;
        }
        return views;
    }

    /** Index after the line break and indentation at {@code i}, or -1 when {@code i} does not start one. */
    private static int lineGapEnd(char[] text, int i) {
        int n = text.length;
        int j = i;
        if (j < n && text[j] == '\r') {
            j++;
        }
        if (j >= n || text[j] != '\n') {
            return -1;
        }
        j++;
        int k = j;
        while (k < n && k - j < 64 && (text[k] == ' ' || text[k] == '\t')) {
            k++;
        }
        return k;
    }

    private static String stripBreaks(String run) {
        StringBuilder out = new StringBuilder(run.length());
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Zero-width removed, full-width and homoglyphs folded, string concatenations and continuations joined. */
    static View folded(char[] text, boolean fold, boolean join) {
        int n = text.length;
        StringBuilder out = new StringBuilder(n);
        int[] from = new int[n];
        int[] to = new int[n];
        boolean changed = false;
        int i = 0;
        while (i < n) {
            char c = text[i];
            if (join) {
                int skip = joiner(text, i);
                if (skip > 0) {
                    // "abc" + "def"  ->  "abcdef": drop the closing quote, the operator and the opening quote
                    if (out.length() > 0) {
                        to[out.length() - 1] = i + skip;
                    }
                    i += skip;
                    changed = true;
                    continue;
                }
            }
            int invisible = fold ? Fold.invisibleLength(text, i) : 0;
            if (invisible > 0) {
                if (out.length() > 0) {
                    to[out.length() - 1] = i + invisible;
                }
                i += invisible;
                changed = true;
                continue;
            }
            char f = fold ? Fold.fold(c) : c;
            changed |= f != c;
            from[out.length()] = i;
            to[out.length()] = i + 1;
            out.append(f);
            i++;
        }
        if (!changed) {
            return null;
        }
        return new View(
                out.toString(), java.util.Arrays.copyOf(from, out.length()), java.util.Arrays.copyOf(to, out.length()));
    }

    /**
     * Length of a string-literal joiner at {@code i}: a quote, optional blanks, an optional {@code +} or {@code .}
     * with blanks and line breaks around it, and the same quote again; or a backslash line continuation. 0 when
     * there is none.
     */
    static int joiner(char[] text, int i) {
        int n = text.length;
        char q = text[i];
        if (q == '\\') {
            if (i + 1 < n && text[i + 1] == '\n') {
                return 2;
            }
            if (i + 2 < n && text[i + 1] == '\r' && text[i + 2] == '\n') {
                return 3;
            }
            return 0;
        }
        if (q != '"' && q != '\'' || i == 0 || !Character.isLetterOrDigit(text[i - 1])) {
            return 0;
        }
        int j = i + 1;
        boolean operator = false;
        while (j < n && j - i < 64) {
            char c = text[j];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                j++;
            } else if ((c == '+' || c == '.') && !operator) {
                operator = true;
                j++;
            } else {
                break;
            }
        }
        if (j + 1 < n && j > i + 1 && text[j] == q && Character.isLetterOrDigit(text[j + 1])) {
            return j + 1 - i;
        }
        return 0;
    }

    /** Whether {@link #urlDecoded} decodes the {@code %} at {@code i}: two hex digits follow, the first below 8. */
    static boolean decodableEscape(char[] text, int i) {
        if (i + 2 >= text.length) {
            return false;
        }
        int hi = Character.digit(text[i + 1], 16);
        return hi >= 0 && hi < 8 && Character.digit(text[i + 2], 16) >= 0;
    }

    /** {@code %XX} escapes of ASCII bytes decoded; each decoded char maps to its three original chars. */
    static View urlDecoded(char[] text) {
        int n = text.length;
        StringBuilder out = new StringBuilder(n);
        int[] from = new int[n];
        int[] to = new int[n];
        boolean changed = false;
        int i = 0;
        while (i < n) {
            char c = text[i];
            if (c == '%' && i + 2 < n) {
                int hi = Character.digit(text[i + 1], 16);
                int lo = Character.digit(text[i + 2], 16);
                if (hi >= 0 && lo >= 0 && hi < 8) {
                    from[out.length()] = i;
                    to[out.length()] = i + 3;
                    out.append((char) (hi * 16 + lo));
                    i += 3;
                    changed = true;
                    continue;
                }
            }
            from[out.length()] = i;
            to[out.length()] = i + 1;
            out.append(c);
            i++;
        }
        return changed
                ? new View(
                        out.toString(),
                        java.util.Arrays.copyOf(from, out.length()),
                        java.util.Arrays.copyOf(to, out.length()))
                : null;
    }

    /**
     * Whether the run of base64 chars {@code a[s, e)} (at least {@link #MIN_BASE64} of them) is worth decoding:
     * not too long, not the rest of a word or path, with both letter cases.
     */
    private static boolean decodable(char[] a, int s, int e) {
        return e - s <= MAX_BASE64 && (s == 0 || !isWordish(a[s - 1])) && upperAndLower(a, s, e);
    }

    /**
     * The array one level gathers its base64 runs in, per thread: a level reads its runs before the next level (of a
     * view it made) starts, so one array serves every level; kept when grown up to {@link #KEPT_RUNS} ints.
     */
    private static final ThreadLocal<int[][]> RUNS = ThreadLocal.withInitial(() -> new int[][] {new int[64]});

    private static final int KEPT_RUNS = 1 << 12;

    /** {@code runs} with the run {@code [s, e)} as its {@code index}th pair, grown when full. */
    private static int[] push(int[] runs, int index, int s, int e) {
        int[] r = index * 2 == runs.length ? java.util.Arrays.copyOf(runs, index * 4) : runs;
        r[index * 2] = s;
        r[index * 2 + 1] = e;
        return r;
    }

    /**
     * What the blank at {@code i} after a run of {@code len} (at most 2) base64 chars records: the word {@code at},
     * and a spaced-out piece (only a blank after one token char can separate one, {@link Triggers#separator}).
     */
    private static void blank(char[] a, int i, int len, Triggers triggers) {
        if (len == 2 && i >= 3 && a[i - 3] == ' ' && (a[i - 2] | 0x20) == 'a' && (a[i - 1] | 0x20) == 't') {
            triggers.atWord(i - 3);
        }
        if (len < 2 && i > 0 && Rejoin.isToken(a[i - 1]) && (i == 1 || !Rejoin.isToken(a[i - 2]))) {
            triggers.at(a, i, ' ');
        }
    }

    /** Whether {@code a[s, e)} has an upper-case and a lower-case ASCII letter. */
    private static boolean upperAndLower(char[] a, int s, int e) {
        boolean upper = false;
        boolean lower = false;
        for (int k = s; k < e && !(upper && lower); k++) {
            char c = a[k];
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    private static boolean isWordish(char c) {
        return c == '_' || c == '-' || c == '.' || c == '/';
    }

    static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z'
                || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9'
                || c == '+'
                || c == '/'
                || c == '-'
                || c == '_';
    }

    /**
     * Whether {@link #decode} of {@code a[s, e)} (its line breaks and blanks dropped, as {@link #stripBreaks} does)
     * is surely null because the bytes cannot be mostly printable text: counted as they are decoded, with no
     * allocation, and given up as soon as the bytes still to come could not make up for the others, so most runs
     * (identifiers, hashes, binary data) cost a look at their first few chars. A necessary condition only: a gzip or
     * zlib stream, a char decode would reject (when it comes before the bytes have decided: decode rejects it too),
     * or bytes that may be printable enough go on to {@link #decode}, which decides.
     */
    static boolean unprintable(char[] a, int s, int e) {
        int acc = 0;
        int bits = 0;
        int count = 0;
        int first = 0;
        int second = 0;
        int printable = 0;
        int other = 0;
        int high = 0;
        for (int k = s; k < e; k++) {
            char c = a[k];
            int v = base64Value(c);
            if (v < 0) {
                if (c == '=' || c == '\n' || c == '\r' || c == ' ' || c == '\t') {
                    continue; // dropped before decoding
                }
                return false;
            }
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                int b = acc >> bits & 0xff;
                if (count == 0) {
                    first = b;
                } else if (count == 1) {
                    second = b;
                }
                count++;
                if (b >= 0x20 && b < 0x7f || b == '\n' || b == '\r' || b == '\t') {
                    printable++;
                    continue;
                }
                if (b >= 0x80) {
                    high++;
                } else {
                    other++;
                }
                // even if every byte still to come were printable, too few would be: surely null (but a
                // compressed stream, which its first two bytes tell, goes on)
                if (count >= 2 && !compressed(first, second)) {
                    long most = printable + ((e - k - 1) * 6L + bits) / 8;
                    if (most < 19L * (other + (high + 2) / 3)) {
                        return true;
                    }
                }
            }
        }
        if (count >= 4 && compressed(first, second)) {
            return false; // compressed (Inflate#isCompressed): the inflated bytes decide
        }
        // valid UTF-8 gives a char for each ASCII byte and at least one char for every three bytes above 0x7F
        double fewestChars = printable + other + Math.ceil(high / 3.0);
        return printable < fewestChars * 0.95;
    }

    /** Whether bytes starting {@code first}, {@code second} start a gzip member or a zlib stream. */
    private static boolean compressed(int first, int second) {
        return first == 0x1f && second == 0x8b || first == 0x78 && (first * 256 + second) % 31 == 0;
    }

    /** The value of a standard or URL-safe base64 digit, or -1. */
    private static int base64Value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
    }

    /** The run decoded as standard or URL-safe base64, when that gives mostly printable UTF-8; else null. */
    static String decode(String run) {
        return decode(run, MAX_DECODED_TOTAL);
    }

    /**
     * The run decoded as base64, and inflated when it is a gzip or zlib stream (to at most {@code limit} and
     * {@link #MAX_INFLATED} chars), when that gives mostly printable UTF-8; else null.
     */
    static String decode(String run, int limit) {
        byte[] bytes;
        try {
            String padded = run.replace('-', '+').replace('_', '/');
            int mod = padded.replace("=", "").length() % 4;
            if (mod == 1) {
                return null;
            }
            bytes = Base64.getDecoder().decode(padded.replace("=", "") + (mod == 0 ? "" : "==".substring(0, 4 - mod)));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (Inflate.isCompressed(bytes)) {
            bytes = Inflate.inflate(bytes, Math.min(limit, MAX_INFLATED));
            if (bytes == null) {
                return null;
            }
        }
        String s;
        try {
            s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        int printable = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t') {
                printable++;
            }
        }
        return s.length() >= 8 && printable >= s.length() * 0.95 ? s : null;
    }
}
