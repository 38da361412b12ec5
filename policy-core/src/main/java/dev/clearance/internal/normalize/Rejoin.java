package dev.clearance.internal.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Values split so that no detector sees them whole, put back together: a token wrapped over lines (at a fixed
 * column, after a shell {@code \}, in a YAML {@code >} or {@code |} block), spaced-out characters
 * ({@code s k - l i v e}, {@code g-h-p-_}), a JWT split by whitespace around or inside its segments, string
 * literals joined in code ({@code "".join([...])}, {@code [...].join("")}, {@code String.format}/{@code printf}
 * arguments, implicit concatenation of adjacent literals, {@code +}, {@code .}, {@code ..}, {@code ||}), literal
 * parts of template strings and f-strings ({@code ${"..."}}, {@code {'...'}}), e-mail addresses written with the
 * words {@code at} and {@code dot}, and card numbers grouped with unusual separators ({@code /}, {@code _}).
 *
 * <p>Each place is a <em>patch</em>: a range of the original replaced by what it reads as. The view is an
 * excerpt: every patch with a window of context around it (the rest of its line, at most {@link #WINDOW} chars
 * either side), windows that touch merged, excerpts separated by a line break; each view char maps back to the
 * original char it came from, and a char a patch produced maps back to the whole patched range, so a finding
 * that uses it covers every piece.
 *
 * <p>Every pass is one left-to-right scan with bounded look-around, and the view is at most the text plus one
 * separator per window: linear. What is not reassembled, and why, is on each cap below. A join of more pieces
 * than {@link #MAX_PIECES} whose pieces are mostly one or two chars is not resolved but reported as a suspect
 * span (fail closed: the caller treats it as a secret).
 */
final class Rejoin {
    /** Context kept on each side of a patch, within its line. */
    static final int WINDOW = 256;
    /** Longest run of token chars looked at on either side of a line break. */
    static final int MAX_RUN = 256;
    /** Most lines one wrapped value may span; a longer block is data (base64, PEM) handled elsewhere. */
    static final int MAX_WRAPPED_LINES = 8;
    /** Fewest pieces of a spaced-out value. */
    static final int MIN_SPACED = 10;
    /** Most pieces of a spaced-out value; a longer run is cut and its rest starts a new run. */
    static final int MAX_SPACED = 256;
    /** Most string literals joined in one chain; a longer chain is cut there and the rest starts a new one. */
    static final int MAX_PIECES = 64;
    /** Longest string literal taken as a piece. */
    static final int MAX_LITERAL = 512;
    /** Most chars of a JWT reassembled across whitespace. */
    static final int MAX_JWT = 8 * 1024;
    /** Most lines of a YAML block scalar joined. */
    static final int MAX_BLOCK_LINES = 16;
    /** How far before and after a join call ({@code join(}, {@code format(}, ...) commas join literals. */
    static final int CALL_BEFORE = 1024;

    static final int CALL_AFTER = 4096;

    private static final String[] CALLS = {
        "join(", "Join(", "format(", "printf", "concat(", "implode(", "Sprintf(", "sprintf(", "strcat(", "%s"
    };

    private Rejoin() {}

    /** A range of the original and what it reads as; {@code out} chars map to {@code [start, end)}. */
    private record Patch(int start, int end, String out, int window) {}

    /** The reassembled view and the spans that could not be reassembled within the caps. */
    record Result(View view, int[] suspects) {}

    /** Patches found so far, in the order the passes find them, and the work spent. */
    private static final class Patches {
        final List<Patch> list = new ArrayList<>();
        final List<int[]> suspects = new ArrayList<>();
        long work;
        /** The text has a char above U+00FF, so {@link String} stores it as UTF-16 (see {@link #indexOf}). */
        boolean wide;

        void add(int start, int end, String out) {
            list.add(new Patch(start, end, out, WINDOW));
        }

        /** A patch that needs no context around it. */
        void addAlone(int start, int end, String out) {
            list.add(new Patch(start, end, out, 0));
        }
    }

    /**
     * The view of {@code text} with every split value rejoined, or null when nothing was split; running each builder only when {@code triggers} (the trigger pass over {@code text}) saw its
     * precondition, and {@link #wrappedLines} only at the line breaks it recorded; every builder when null.
     */
    static Result of(String text, long[] work, Triggers triggers) {
        return of(text, text.toCharArray(), work, triggers);
    }

    /** {@link #of(String, long[], Triggers)} of {@code str}, whose chars are {@code text} (read, never written). */
    static Result of(String str, char[] text, long[] work, Triggers triggers) {
        int n = text.length;
        if (triggers != null && !triggers.any()) {
            work[0] += n;
            return null;
        }
        Patches p = new Patches();
        p.wide = triggers != null && triggers.wide;
        if (triggers == null) {
            wrappedLines(str, text, p, null, 0);
            spacedOut(text, p);
        } else {
            wrappedLines(str, text, p, triggers.newlines, triggers.newlineCount);
            if (triggers.spaced) {
                spacedOut(text, p);
                p.work += n;
            }
        }
        if (triggers == null || triggers.jwt) {
            jwts(str, text, p);
        }
        if (triggers == null) {
            templateParts(str, text, p);
        } else if (triggers.templateCount > 0) {
            templateParts(text, p, triggers.templates, triggers.templateCount);
        }
        if (triggers == null
                || triggers.literal
                || triggers.literalComma && (triggers.call || indexOf(str, text, "printf", PRINTF_SHIFTS, 0, p) >= 0)) {
            literals(str, text, p);
        }
        if (triggers == null || triggers.yamlBlock) {
            yamlBlocks(str, text, p);
        }
        if (triggers == null) {
            int[] ats = occurrences(str, AT_FORMS);
            spelledEmails(str, text, p, ats, ats.length);
        } else if (triggers.atCount > 0) {
            spelledEmails(str, text, p, triggers.ats, triggers.atCount);
        }
        if (triggers == null) {
            digitSeparators(str, text, p);
        } else if (triggers.digitSeparatorCount > 0) {
            separatedDigits(text, p, triggers.digitSeparators, triggers.digitSeparatorCount);
        }
        work[0] += p.work + (triggers == null ? 7L : 3L) * n;
        int[] suspects = new int[p.suspects.size() * 2];
        for (int i = 0; i < p.suspects.size(); i++) {
            suspects[2 * i] = p.suspects.get(i)[0];
            suspects[2 * i + 1] = p.suspects.get(i)[1];
        }
        if (p.list.isEmpty()) {
            return suspects.length == 0 ? null : new Result(null, suspects);
        }
        View v = excerpt(text, p.list);
        work[0] += v.text().length();
        return new Result(v, suspects);
    }

    /**
     * The excerpt view: each patch with its window, windows that touch merged, patches that overlap an earlier one
     * dropped. Every original char is looked at a bounded number of times: gaps between patches once, context
     * once as it is copied.
     */
    private static View excerpt(char[] text, List<Patch> patches) {
        patches.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(b.end, a.end));
        Out out = new Out();
        Patch last = null;
        for (Patch patch : patches) {
            if (last != null && patch.start < last.end) {
                continue; // overlaps a patch already applied
            }
            if (last == null || !touch(text, last, patch)) {
                if (last != null) {
                    int fe = forwardEnd(text, last);
                    out.copy(text, last.end, fe);
                    out.add('\n', fe - 1, fe);
                }
                out.copy(text, lineStart(text, patch.start, patch.window), patch.start);
            } else {
                out.copy(text, last.end, patch.start);
            }
            for (int i = 0; i < patch.out.length(); i++) {
                out.add(patch.out.charAt(i), patch.start, patch.end);
            }
            last = patch;
        }
        out.copy(text, last.end, forwardEnd(text, last));
        return new View(out.text.toString(), Arrays.copyOf(out.from, out.k), Arrays.copyOf(out.to, out.k));
    }

    /** Whether the windows of {@code a} and the later {@code b} touch: a short gap with no line break. */
    private static boolean touch(char[] text, Patch a, Patch b) {
        if (b.start - a.end > a.window + b.window) {
            return false;
        }
        for (int k = a.end; k < b.start; k++) {
            if (text[k] == '\n' || text[k] == '\r') {
                return false;
            }
        }
        return true;
    }

    /** End of the context after {@code p}: the rest of its line, at most its window. */
    private static int forwardEnd(char[] text, Patch p) {
        int e = p.end;
        int n = text.length;
        while (e < n && e - p.end < p.window && text[e] != '\n' && text[e] != '\r') {
            e++;
        }
        return e;
    }

    /** Start of the line holding {@code i}, looking back at most {@code limit} chars. */
    private static int lineStart(char[] text, int i, int limit) {
        int s = i;
        while (s > 0 && i - s < limit && text[s - 1] != '\n') {
            s--;
        }
        return s;
    }

    /** The view under construction: its chars and, for each, the original range it came from. */
    private static final class Out {
        final StringBuilder text = new StringBuilder();
        int[] from = new int[64];
        int[] to = new int[64];
        int k;

        void add(char c, int s, int e) {
            if (k == from.length) {
                from = Arrays.copyOf(from, k * 2);
                to = Arrays.copyOf(to, k * 2);
            }
            text.append(c);
            from[k] = s;
            to[k] = e;
            k++;
        }

        void copy(char[] original, int s, int e) {
            if (e <= s) {
                return;
            }
            if (k + e - s > from.length) {
                int size = Math.max(k * 2, k + e - s);
                from = Arrays.copyOf(from, size);
                to = Arrays.copyOf(to, size);
            }
            text.append(original, s, e - s);
            for (int i = s; i < e; i++) {
                from[k] = i;
                to[k] = i + 1;
                k++;
            }
        }
    }

    private static int lineEnd(char[] text, int i) {
        int e = i;
        int n = text.length;
        while (e < n && e - i < WINDOW && text[e] != '\n' && text[e] != '\r') {
            e++;
        }
        return e;
    }

    // --- classes of chars

    static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** {@link #isToken} of each ASCII char, so a pass over the text is one lookup per char. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN[c] = isAlnum(c) || c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '.' || c == '~';
        }
    }

    /** A char of a token: letters, digits and the punctuation of keys, base64 and URLs. */
    static boolean isToken(char c) {
        return c < 128 && TOKEN[c];
    }

    /** {@link #isWrapped} of each ASCII char. */
    private static final boolean[] WRAPPED = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            WRAPPED[c] = isAlnum(c) || c == '_' || c == '-' || c == '+' || c == '/';
        }
    }

    /** A char of a value wrapped over lines: letters, digits and the punctuation of base64 and keys. */
    private static boolean isWrapped(char c) {
        return c < 128 && WRAPPED[c];
    }

    /** A char a token may end or start with at a line break: a sentence's full stop does not join. */
    private static boolean isEdge(char c) {
        return isAlnum(c) || c == '_' || c == '-' || c == '+' || c == '/' || c == '=';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    // --- wrapped lines

    /**
     * A token broken over lines: the line break (and the next line's indentation, and a shell {@code \} before
     * it) dropped when a run of 12 or more token chars with a digit and a letter ends the line and a run of 4 or
     * more starts the next, together at least 20 chars, and the next is not the name of an assignment. A wrapped block of more than {@link #MAX_WRAPPED_LINES} lines is left alone.
     *
     * <p>Only the line breaks {@code breaks[0..count)} are looked at (every one when {@code breaks} is null): the
     * others cannot join, and skipping them changes nothing, since a chain goes on only from the line a joined
     * break starts, with no line break in between.
     */
    static void wrappedLines(String str, char[] text, Patches p, int[] breaks, int count) {
        int n = text.length;
        int chainStart = -1; // index in p.list of the chain's first patch
        int chainLines = 0;
        int lastNextRunStart = -1;
        boolean dropping = false;
        int lastRunBefore = 0;
        int nextBreak = 0;
        for (int i = breaks == null ? str.indexOf('\n') : count > 0 ? breaks[0] : -1;
                i >= 0;
                i = breaks == null ? str.indexOf('\n', i + 1) : ++nextBreak < count ? breaks[nextBreak] : -1) {
            int b = i > 0 && text[i - 1] == '\r' ? i - 1 : i;
            boolean continuation = b > 0 && text[b - 1] == '\\';
            int endBefore = continuation ? b - 1 : b;
            int rs = endBefore;
            while (rs > 0 && endBefore - rs < MAX_RUN && isWrapped(text[rs - 1])) {
                rs--;
            }
            int j = i + 1;
            while (j < n && j - i <= 64 && isBlank(text[j])) {
                j++;
            }
            int re = j;
            while (re < n && re - j < MAX_RUN && isWrapped(text[re])) {
                re++;
            }
            p.work += (endBefore - rs) + (re - i);
            boolean join = rs < endBefore
                    && re > j
                    && isEdge(text[endBefore - 1])
                    && isEdge(text[j])
                    && text[j] != '-'
                    && (continuation
                            || endBefore - rs >= 12
                                    && re - j >= 4
                                    && (endBefore - rs) + (re - j) >= 20
                                    && mixed(text, rs, endBefore))
                    && !startsAssignment(text, j);
            boolean chained = join && chainStart >= 0 && rs == lastNextRunStart;
            if (chained && !continuation && 4 * (endBefore - rs) < 3 * lastRunBefore) {
                // a wrapped value's lines are about as long as each other: a shorter line was its last
                join = false;
            }
            if (!join) {
                chainStart = -1;
                continue;
            }
            lastRunBefore = endBefore - rs;
            if (!chained) {
                chainStart = p.list.size();
                chainLines = 1;
                dropping = false;
            }
            lastNextRunStart = j;
            if (dropping) {
                continue;
            }
            chainLines++;
            p.add(endBefore, j, "");
            if (chainLines > MAX_WRAPPED_LINES) {
                // a block, not a wrapped value: take its patches back
                while (p.list.size() > chainStart) {
                    p.list.remove(p.list.size() - 1);
                }
                dropping = true;
            }
        }
    }

    /**
     * Whether the line at {@code j} starts with the name of an assignment ({@code name:}, {@code a.b.c = x}): a new
     * entry, not the rest of a value.
     */
    private static boolean startsAssignment(char[] text, int j) {
        int n = text.length;
        int k = j;
        while (k < n && k - j < 64 && (isAlnum(text[k]) || "_.-[]".indexOf(text[k]) >= 0)) {
            k++;
        }
        while (k < n && k - j < 72 && isBlank(text[k])) {
            k++;
        }
        if (k >= n || text[k] != ':' && text[k] != '=') {
            return false;
        }
        return k + 1 >= n || text[k + 1] != '=';
    }

    /** Whether {@code [s, e)} has a letter and a digit (skipping the line break between). */
    private static boolean mixed(char[] text, int s, int e) {
        boolean letter = false;
        boolean digit = false;
        for (int i = s; i < e && !(letter && digit); i++) {
            char c = text[i];
            letter |= c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
        }
        return letter && digit;
    }

    // --- spaced-out characters

    /**
     * Single chars separated by one space, or by one {@code -} or {@code .}: at least {@link #MIN_SPACED} of them,
     * with a digit and a letter or two letter cases, read without the separators.
     */
    static void spacedOut(char[] text, Patches p) {
        int n = text.length;
        int i = 0;
        // whether the char before i is a token char: a run starts only at a token's first char, so the scan reads
        // one char per position
        boolean previousToken = false;
        while (i + 2 < n) {
            boolean token = isToken(text[i]);
            if (!token || previousToken) {
                previousToken = token;
                i++;
                continue;
            }
            char sep = text[i + 1];
            if (!(sep == ' ' || sep == '-' || sep == '.')) {
                previousToken = true;
                i++;
                continue;
            }
            // pieces at i, i+2, i+4 ...; each followed by sep, the last by something else
            int k = i;
            int pieces = 0;
            int kinds = 0;
            while (k < n && pieces < MAX_SPACED && isPiece(text[k], sep)) {
                kinds |= kind(text[k]);
                pieces++;
                if (k + 2 < n
                        && text[k + 1] == sep
                        && isPiece(text[k + 2], sep)
                        && (k + 3 >= n || !isToken(text[k + 3]) || text[k + 3] == sep)) {
                    k += 2;
                } else {
                    break;
                }
            }
            p.work += k - i + 1;
            boolean cardLength = kinds == 4 && sep == ' ' && pieces >= 13 && pieces <= 19;
            if (pieces >= MIN_SPACED && (Integer.bitCount(kinds) >= 2 || cardLength)) {
                for (int s = i + 1; s < k; s += 2) {
                    p.add(s, s + 1, "");
                }
            }
            i = Math.max(i + 1, k + 1);
            previousToken = isToken(text[i - 1]);
        }
    }

    private static boolean isPiece(char c, char sep) {
        return sep == ' ' ? isToken(c) : isAlnum(c) || c == '_' || c == sep || c == '-' || c == '.';
    }

    private static int kind(char c) {
        return c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= '0' && c <= '9' ? 4 : 0;
    }

    // --- JWTs split by whitespace

    private static boolean isB64Url(char c) {
        return isAlnum(c) || c == '-' || c == '_';
    }

    /**
     * A JWT ({@code eyJ...}) with whitespace around its dots, or a line break (and indentation) inside a segment:
     * the whitespace dropped, to {@link #MAX_JWT} chars.
     */
    static void jwts(String str, char[] text, Patches p) {
        int n = text.length;
        int from = 0;
        while (true) {
            int s = indexOf(str, text, "eyJ", EYJ_SHIFTS, from, p);
            if (s < 0) {
                return;
            }
            int i = s + 3;
            int dots = 0;
            int patchesBefore = p.list.size();
            while (i < n && i - s < MAX_JWT) {
                while (i < n && i - s < MAX_JWT && isB64Url(text[i])) {
                    i++;
                }
                int w = i;
                boolean newline = false;
                while (w < n && w - i < 16 && (isBlank(text[w]) || text[w] == '\n' || text[w] == '\r')) {
                    newline |= text[w] == '\n';
                    w++;
                }
                if (w < n && text[w] == '.' && dots < 2) {
                    if (w > i) {
                        p.add(i, w, "");
                    }
                    dots++;
                    int a = w + 1;
                    int b = a;
                    while (b < n && b - a < 16 && (isBlank(text[b]) || text[b] == '\n' || text[b] == '\r')) {
                        b++;
                    }
                    if (b > a && b < n && isB64Url(text[b])) {
                        p.add(a, b, "");
                    }
                    i = b;
                } else if (w > i && newline && w < n && isB64Url(text[w]) && text[i - 1] != '.') {
                    p.add(i, w, "");
                    i = w;
                } else {
                    break;
                }
            }
            p.work += i - s;
            if (dots < 2) {
                // not a whole JWT: no patches
                while (p.list.size() > patchesBefore) {
                    p.list.remove(p.list.size() - 1);
                }
            }
            from = Math.max(i, s + 3);
        }
    }

    // --- string literals joined in code

    /**
     * Chains of string literals read as one: adjacent literals, or literals joined by {@code +}, {@code .},
     * {@code ..}, {@code ||}, {@code &}; and, near a join or format call, by commas (the pieces of
     * {@code "".join([...])}, {@code [...].join("")}, {@code format("%s%s", ...)}); a literal that is only format
     * placeholders ({@code %s}, {@code {}}) is left out. Template and f-string parts that are literals
     * ({@code ${"abc"}}, {@code {'abc'}}) are opened. A chain stops at {@link #MAX_PIECES} pieces; a chain that hits
     * it with pieces of two chars or fewer on average is a suspect.
     */
    static void literals(String str, char[] text, Patches p) {
        int n = text.length;
        // the call regions are found on the first literal, so text without one never looks for calls
        int[] calls = null;
        int region = 0;
        int i = 0;
        while (i < n) {
            char q = text[i];
            if (!isQuote(q) || i > 0 && text[i - 1] == '\\') {
                i++;
                continue;
            }
            int close = literalEnd(text, i, p);
            if (close < 0) {
                i++;
                continue;
            }
            if (calls == null) {
                calls = callRegions(str, text, p);
            }
            while (region + 1 < calls.length && calls[region + 1] <= i) {
                region += 2;
            }
            boolean inCall = region < calls.length && calls[region] <= i && i < calls[region + 1];
            int chainStart = i;
            int pieces = 1;
            int content = close - i - 1;
            int piecesStart = p.list.size();
            boolean format = placeholdersOnly(text, i + 1, close);
            int next;
            while ((next = nextLiteral(text, close + 1, inCall)) >= 0 && pieces < MAX_PIECES) {
                int nextClose = literalEnd(text, next, p);
                if (nextClose < 0) {
                    break;
                }
                p.work += nextClose - close;
                if (format) {
                    // the format string is not part of the value: start the chain at its first argument
                    format = false;
                    chainStart = next;
                    close = nextClose;
                    content = nextClose - next - 1;
                    piecesStart = p.list.size();
                    format = placeholdersOnly(text, next + 1, nextClose);
                    continue;
                }
                p.add(close, next + 1, "");
                pieces++;
                content += nextClose - next - 1;
                close = nextClose;
            }
            if (pieces >= MAX_PIECES && content <= 2 * pieces) {
                // cut at the cap: what it spells cannot be known, so the whole chain is not trusted
                while ((next = nextLiteral(text, close + 1, inCall)) >= 0) {
                    int nextClose = literalEnd(text, next, p);
                    if (nextClose < 0) {
                        break;
                    }
                    p.work += nextClose - close;
                    close = nextClose;
                }
                p.suspects.add(new int[] {chainStart, close + 1});
                while (p.list.size() > piecesStart) {
                    p.list.remove(p.list.size() - 1);
                }
            }
            p.work += close + 1 - i;
            i = close + 1;
        }
    }

    /** Literal parts of template strings and f-strings, {@code ${"abc"}} and {@code {'abc'}}, opened. */
    static void templateParts(String str, char[] text, Patches p) {
        int n = text.length;
        for (int i = str.indexOf('{'); i >= 0 && i + 1 < n; i = str.indexOf('{', i + 1)) {
            i = templatePartAt(text, p, i);
        }
    }

    /**
     * {@link #templateParts(String, char[], Patches)} at the braces {@code at[0..count)} only: each before a quote,
     * in order, the only braces it opens at. A brace inside a part opened is skipped, as the whole-text scan does.
     */
    static void templateParts(char[] text, Patches p, int[] at, int count) {
        int from = 0;
        for (int c = 0; c < count; c++) {
            if (at[c] >= from) {
                from = templatePartAt(text, p, at[c]) + 1;
            }
        }
    }

    /** One step of {@link #templateParts} at the brace {@code i}: the index it goes on after. */
    private static int templatePartAt(char[] text, Patches p, int i) {
        int n = text.length;
        int open = i + 1;
        if (open >= n || !isQuote(text[open])) {
            return i;
        }
        int start = i > 0 && text[i - 1] == '$' ? i - 1 : i;
        int close = literalEnd(text, open, p);
        if (close > 0 && close + 1 < n && text[close + 1] == '}') {
            p.add(start, open + 1, "");
            p.add(close, close + 2, "");
            return close + 1;
        }
        return i;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** Index of the quote closing the literal opened at {@code i}, on the same line and within the cap; or -1. */
    private static int literalEnd(char[] text, int i, Patches p) {
        char q = text[i];
        int n = text.length;
        for (int k = i + 1; k < n && k - i <= MAX_LITERAL; k++) {
            char c = text[k];
            p.work++;
            if (c == '\\') {
                k++;
            } else if (c == q) {
                return k;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /** Start of the literal that continues a chain after {@code i}, or -1. */
    private static int nextLiteral(char[] text, int i, boolean commas) {
        int n = text.length;
        int j = i;
        boolean operator = false;
        while (j < n && j - i < 64) {
            char c = text[j];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                j++;
            } else if (!operator && (c == '+' || c == '&' || c == ',' && commas)) {
                operator = true;
                j++;
            } else if (!operator && (c == '.' || c == '|') && j + 1 < n) {
                operator = true;
                j += text[j + 1] == c ? 2 : 1;
            } else if (c == '\\' && j + 1 < n && (text[j + 1] == '\n' || text[j + 1] == '\r')) {
                j += 2; // a shell or C line continuation between literals
            } else {
                break;
            }
        }
        return j < n && isQuote(text[j]) && (j > i || operator) ? j : -1;
    }

    /** Whether the literal content {@code [s, e)} is only format placeholders ({@code %s}, {@code {}}, {@code {0}}). */
    private static boolean placeholdersOnly(char[] text, int s, int e) {
        if (e <= s) {
            return false;
        }
        int i = s;
        while (i < e) {
            char c = text[i];
            if (c == '%' && i + 1 < e && Character.isLetter(text[i + 1])) {
                i += 2;
            } else if (c == '{') {
                int k = i + 1;
                while (k < e && k - i < 4 && Character.isDigit(text[k])) {
                    k++;
                }
                if (k >= e || text[k] != '}') {
                    return false;
                }
                i = k + 1;
            } else {
                return false;
            }
        }
        return true;
    }

    /** The {@link #CALLS} that end with {@code (}, and the others. */
    private static final String[] PAREN_CALLS =
            Arrays.stream(CALLS).filter(c -> c.endsWith("(")).toArray(String[]::new);

    /** The {@link #PAREN_CALLS} by the last char of their name (the char before the {@code (}); null for none. */
    private static final String[][] PAREN_CALLS_BY_LAST = new String[128][];

    static {
        for (String call : PAREN_CALLS) {
            char last = call.charAt(call.length() - 2);
            String[] calls = PAREN_CALLS_BY_LAST[last];
            calls = calls == null ? new String[1] : Arrays.copyOf(calls, calls.length + 1);
            calls[calls.length - 1] = call;
            PAREN_CALLS_BY_LAST[last] = calls;
        }
    }

    private static final String[] OTHER_CALLS =
            Arrays.stream(CALLS).filter(c -> !c.endsWith("(")).toArray(String[]::new);

    /** {@link Chars#shifts} of each of {@link #OTHER_CALLS}, of {@code printf} and of {@code eyJ}. */
    private static final int[][] OTHER_SHIFTS =
            Arrays.stream(OTHER_CALLS).map(Chars::shifts).toArray(int[][]::new);

    private static final int[] PRINTF_SHIFTS = Chars.shifts("printf");
    private static final int[] EYJ_SHIFTS = Chars.shifts("eyJ");

    /**
     * {@code str.indexOf(s, from)}: {@link String#indexOf(String, int)} (vectorised) on Latin-1 text, {@link
     * Chars#indexOf} over {@code text} (the same chars) on UTF-16 text, where the String search is a char-by-char
     * one; {@code shift} is {@link Chars#shifts} of {@code s}.
     */
    private static int indexOf(String str, char[] text, String s, int[] shift, int from, Patches p) {
        return p.wide ? Chars.indexOf(text, s, shift, from) : str.indexOf(s, from);
    }

    /** {@code values} with {@code value} at {@code index}, grown when full. */
    private static int[] push(int[] values, int index, int value) {
        int[] v = index == values.length ? Arrays.copyOf(values, values.length * 2) : values;
        v[index] = value;
        return v;
    }

    /** Sorted, merged {@code [start, end)} ranges around join and format calls, as a flat array. */
    private static int[] callRegions(String str, char[] text, Patches p) {
        int n = text.length;
        int[] regions = new int[0];
        int count = 0;
        // the calls ending in '(' are found from each '(' (one scan for all of them), the others on their own; a
        // region depends only on where a call starts, so the order they are found in does not matter
        int[] starts = new int[8];
        int found = 0;
        for (int b = str.indexOf('('); b >= 0; b = str.indexOf('(', b + 1)) {
            // only the calls whose name ends with the char before the '('
            String[] calls = b > 0 && text[b - 1] < 128 ? PAREN_CALLS_BY_LAST[text[b - 1]] : null;
            for (int c = 0; calls != null && c < calls.length; c++) {
                String call = calls[c];
                int i = b + 1 - call.length();
                if (i >= 0 && Chars.startsWith(text, call, i)) {
                    starts = push(starts, found++, i);
                }
            }
        }
        for (int o = 0; o < OTHER_CALLS.length; o++) {
            String call = OTHER_CALLS[o];
            int[] shift = OTHER_SHIFTS[o];
            for (int i = indexOf(str, text, call, shift, 0, p);
                    i >= 0;
                    i = indexOf(str, text, call, shift, i + call.length(), p)) {
                starts = push(starts, found++, i);
            }
        }
        for (int c = 0; c < found; c++) {
            int i = starts[c];
            if (count * 2 == regions.length) {
                regions = Arrays.copyOf(regions, Math.max(8, regions.length * 2));
            }
            regions[count * 2] = Math.max(0, i - CALL_BEFORE);
            regions[count * 2 + 1] = Math.min(n, i + CALL_AFTER);
            count++;
        }
        p.work += (long) CALLS.length * n;
        long[] packed = new long[count];
        for (int r = 0; r < count; r++) {
            packed[r] = (long) regions[2 * r] << 32 | regions[2 * r + 1];
        }
        Arrays.sort(packed);
        int[] merged = new int[count * 2];
        int m = 0;
        for (long r : packed) {
            int s = (int) (r >>> 32);
            int e = (int) r;
            if (m > 0 && s <= merged[m - 1]) {
                merged[m - 1] = Math.max(merged[m - 1], e);
            } else {
                merged[m++] = s;
                merged[m++] = e;
            }
        }
        return Arrays.copyOf(merged, m);
    }

    // --- YAML block scalars

    /**
     * {@code key: >} or {@code key: |} (with a chomping or indentation indicator) and the more-indented lines
     * under it, to {@link #MAX_BLOCK_LINES}: read as {@code key: } followed by the lines joined without breaks.
     */
    static void yamlBlocks(String str, char[] text, Patches p) {
        int n = text.length;
        for (int i = str.indexOf(':'); i >= 0; i = str.indexOf(':', i + 1)) {
            int j = i + 1;
            if (j >= n || !isBlank(text[j])) {
                continue;
            }
            while (j < n && isBlank(text[j])) {
                j++;
            }
            if (j >= n || text[j] != '>' && text[j] != '|') {
                continue;
            }
            int k = j + 1;
            while (k < n && k - j < 3 && (text[k] == '-' || text[k] == '+' || Character.isDigit(text[k]))) {
                k++;
            }
            while (k < n && isBlank(text[k])) {
                k++;
            }
            if (k < n && text[k] == '\r') {
                k++;
            }
            if (k >= n || text[k] != '\n') {
                continue;
            }
            int keyIndent = indent(text, lineStart(text, i, WINDOW));
            int lineStart = k + 1;
            int lines = 0;
            int breakStart = j; // the first "gap" runs from the indicator to the first line's text
            while (lineStart < n && lines < MAX_BLOCK_LINES) {
                int ind = indent(text, lineStart);
                int textStart = lineStart + ind;
                if (ind <= keyIndent || textStart >= n || text[textStart] == '\n' || text[textStart] == '\r') {
                    break;
                }
                p.add(breakStart, textStart, "");
                lines++;
                int e = lineEnd(text, textStart);
                p.work += e - lineStart;
                breakStart = e;
                if (e >= n || text[e] != '\n' && text[e] != '\r') {
                    break;
                }
                lineStart = text[e] == '\r' && e + 1 < n && text[e + 1] == '\n' ? e + 2 : e + 1;
            }
            i = Math.max(i, breakStart - 1);
        }
    }

    private static int indent(char[] text, int lineStart) {
        int k = lineStart;
        while (k < text.length && k - lineStart < 64 && isBlank(text[k])) {
            k++;
        }
        return k - lineStart;
    }

    // --- e-mail addresses written with words

    private static final String[] MAIL_WORDS = {"mail", "contact", "reach", "write", "send", "address"};

    /**
     * {@code name at example dot com}: a local part, the word {@code at}, one or more domain labels joined by the
     * word {@code dot}, within 64 chars after a word that says an address follows (mail, e-mail, contact, reach,
     * write, send, address). Only the words {@code at} starting (with their blank) at {@code ats[0..atCount)}, in
     * order, are looked at.
     */
    static void spelledEmails(String str, char[] text, Patches p, int[] ats, int atCount) {
        int n = text.length;
        int[] mailWords = null;
        int from = 0;
        for (int at = 0; at < atCount; at++) {
            int i = ats[at];
            if (i < from) {
                continue;
            }
            from = i + 4;
            int ls = i;
            while (ls > 0 && i - ls < 64 && isLocal(text[ls - 1])) {
                ls--;
            }
            if (ls == i || !isAlnum(text[ls])) {
                continue;
            }
            // domain: label ( " dot " label )+
            int k = i + 4;
            int labels = 0;
            List<int[]> dots = new ArrayList<>(2);
            int labelEnd = k;
            while (true) {
                int le = k;
                while (le < n && le - k < 63 && (isAlnum(text[le]) || text[le] == '-')) {
                    le++;
                }
                if (le == k) {
                    break;
                }
                labels++;
                labelEnd = le;
                int dot = le + 5 <= n && str.regionMatches(true, le, " dot ", 0, 5) ? le : -1;
                if (dot < 0 || labels > 4) {
                    break;
                }
                dots.add(new int[] {dot, dot + 5});
                k = dot + 5;
            }
            p.work += labelEnd - ls;
            if (labels < 2 || dots.size() < labels - 1) {
                continue;
            }
            if (mailWords == null) {
                mailWords = mailWords(str, text, p);
            }
            if (!hasMailWord(mailWords, Math.max(0, ls - 64), ls)) {
                continue;
            }
            // a tld of letters only
            int tldStart = dots.get(labels - 2)[1];
            boolean letters = labelEnd - tldStart >= 2;
            for (int t = tldStart; t < labelEnd && letters; t++) {
                letters = Character.isLetter(text[t]);
            }
            if (!letters) {
                continue;
            }
            p.add(i, i + 4, "@");
            for (int d = 0; d < labels - 1; d++) {
                p.add(dots.get(d)[0], dots.get(d)[1], ".");
            }
        }
    }

    /**
     * The forms {@code " at "} takes in a case-insensitive match: the spaces match only themselves and no char
     * other than ASCII ones folds to {@code a} or {@code t}.
     */
    private static final String[] AT_FORMS = {" at ", " At ", " aT ", " AT "};

    /** Sorted starts of every occurrence of each of {@code forms} (which cannot overlap themselves). */
    private static int[] occurrences(String text, String[] forms) {
        int[] starts = new int[0];
        int count = 0;
        for (String form : forms) {
            for (int i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, Math.max(8, count * 2));
                }
                starts[count++] = i;
            }
        }
        int[] sorted = Arrays.copyOf(starts, count);
        Arrays.sort(sorted);
        return sorted;
    }

    private static boolean isLocal(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** Sorted starts of every word that says an address follows, found once per text. */
    private static int[] mailWords(String str, char[] text, Patches p) {
        String lower = str.toLowerCase(java.util.Locale.ROOT);
        p.work += (long) (MAIL_WORDS.length + 1) * text.length;
        int[] starts = new int[8];
        int count = 0;
        for (String w : MAIL_WORDS) {
            for (int i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i;
            }
        }
        int[] sorted = Arrays.copyOf(starts, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Whether a mail word starts in {@code [s, e)}. */
    private static boolean hasMailWord(int[] starts, int s, int e) {
        int i = Arrays.binarySearch(starts, s);
        int k = i >= 0 ? i : -i - 1;
        return k < starts.length && starts[k] < e;
    }

    // --- digit groups with unusual separators

    /**
     * Three to five groups of two to six digits, 13 to 19 digits in all, joined by one and the same {@code /},
     * {@code _}, {@code \}, {@code |} or {@code ·}: read with spaces (a card number written {@code 4539/5781/...}), on its own: a number needs no context.
     */
    static void digitSeparators(String str, char[] text, Patches p) {
        if (!digitSeparated(str, text)) {
            return; // every patch below joins groups at a separator with a digit on each side
        }
        int i = 0;
        while (i < text.length) {
            i = separatedDigitsAt(text, p, i);
        }
    }

    /** Longest digit chain {@link #digitSeparators} reads: five groups of up to seven digits and four separators. */
    private static final int DIGIT_CHAIN = 5 * 7 + 4;

    /**
     * {@link #digitSeparators} only before the separators {@code at[0..count)} (each with a digit on either side,
     * in order): every patch holds one, within {@link #DIGIT_CHAIN} of its start. A step starts a chain only where
     * the char before is no letter, digit or separator, and a chain holds only digits and separators, so a scan
     * started anywhere starts the chains the whole-text scan starts from there on.
     */
    private static void separatedDigits(char[] text, Patches p, int[] at, int count) {
        int i = 0;
        for (int c = 0; c < count; c++) {
            i = Math.max(i, at[c] - DIGIT_CHAIN);
            while (i <= at[c]) {
                i = separatedDigitsAt(text, p, i);
            }
        }
    }

    /** One step of the {@link #digitSeparators} scan at {@code i}: the index it goes on from. */
    private static int separatedDigitsAt(char[] text, Patches p, int i) {
        int n = text.length;
        char c = text[i];
        if (!(c >= '0' && c <= '9') || i > 0 && (isAlnum(text[i - 1]) || isSep(text[i - 1]))) {
            return i + 1;
        }
        int k = i;
        int groups = 0;
        int digits = 0;
        char sep = 0;
        boolean ok = true;
        while (true) {
            int g = k;
            while (k < n && k - g < 7 && text[k] >= '0' && text[k] <= '9') {
                k++;
            }
            int len = k - g;
            if (len < 2 || len > 6) {
                ok = false;
                break;
            }
            groups++;
            digits += len;
            if (k + 1 < n
                    && isSep(text[k])
                    && (sep == 0 || text[k] == sep)
                    && text[k + 1] >= '0'
                    && text[k + 1] <= '9'
                    && groups < 5) {
                sep = text[k];
                k++;
            } else {
                break;
            }
        }
        p.work += k - i + 1;
        if (ok && groups >= 3 && digits >= 13 && digits <= 19 && (k >= n || !isAlnum(text[k]))) {
            p.addAlone(i, k, new String(text, i, k - i).replace(sep, ' '));
        }
        return Math.max(k, i + 1);
    }

    private static final char[] SEPARATORS = {'/', '_', '\\', '|', '\u00B7'};

    /** Whether one of the {@link #isSep} chars has a digit on each side somewhere in {@code text}. */
    private static boolean digitSeparated(String str, char[] text) {
        int n = text.length;
        for (char sep : SEPARATORS) {
            for (int k = str.indexOf(sep, 1); k >= 0 && k + 1 < n; k = str.indexOf(sep, k + 1)) {
                if (isDigit(text[k - 1]) && isDigit(text[k + 1])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSep(char c) {
        return c == '/' || c == '_' || c == '\\' || c == '|' || c == '\u00B7';
    }
}
