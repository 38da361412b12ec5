package dev.clearance.internal.normalize;

import java.util.Arrays;

/**
 * What the rejoin builders need, recorded by the one trigger pass of {@link Views} over a text: each builder of
 * {@link Rejoin} runs only when its precondition occurred, and {@link Rejoin#wrappedLines} only at the line breaks
 * that may join. Every precondition is necessary for its builder to produce a patch or a suspect span (the builder
 * still decides), so the gated analysis is the ungated one; {@code ViewsGatingTest} compares the two.
 *
 * <p>The pass calls {@link #at} only for the chars of {@link #looksAt} (a blank only after a word of one token
 * char, the only blank {@link #separator} records) and {@link #atWord} for the word {@code at}; each call looks at a
 * bounded number of chars around {@code i}, and the look-backs over blanks and joiner chars stop at the first other
 * char, so every char is looked back over at most once per kind: linear.
 */
final class Triggers {
    /** Longest gap between two literals that {@link Rejoin#literals} joins, with margin. */
    private static final int LITERAL_GAP = 70;
    /** Fewest token chars before a line break (not after a {@code \}) that {@link Rejoin#wrappedLines} joins. */
    private static final int WRAPPED_RUN = 12;

    /** Line breaks a run of token chars ends, the only ones {@link Rejoin#wrappedLines} may join. */
    int[] newlines = NONE;

    int newlineCount;
    /** Ten or more single chars, each but the last followed by one and the same separator. */
    boolean spaced;
    /** Two quotes with only blanks, line breaks and joining operators between (no comma). */
    boolean literal;
    /** Two quotes with a comma among what is between: they join only near a join or format call. */
    boolean literalComma;
    /** A {@code {} right before a quote. */
    boolean template;
    /** Where each {@code {} right before a quote is, in order: the only places {@link Rejoin#templateParts} opens. */
    int[] templates = NONE;

    int templateCount;
    /** Where a digit is on each side of a {@code /}, {@code _}, {@code \}, {@code |} or {@code ·}, in order. */
    int[] digitSeparators = NONE;

    int digitSeparatorCount;
    /** A {@code :}, blanks and a {@code >} or {@code |}. */
    boolean yamlBlock;
    /** A char above U+00FF: the text's {@link String} is stored as UTF-16. */
    boolean wide;
    /** {@code eyJ}, the start of a JWT. */
    boolean jwt;
    /**
     * A join or format call ending in {@code (}, {@code printf(} or {@code %s}; with {@code printf} anywhere (which
     * {@link Rejoin#of} looks for when this is not set), these are the places {@link Rejoin#literals} joins literals
     * at commas.
     */
    boolean call;
    /** Starts of the word {@code at} between two blanks, in any case, in order. */
    int[] ats = NONE;

    int atCount;

    /**
     * The spaced-out run ending at each parity: its last separator, that separator, its length, a letter or digit;
     * made at the first separator that may start one.
     */
    private int[] lastSeparator;

    private char[] separator;
    private int[] separators;
    private boolean[] alnum;

    /** The arrays of a trigger pass that recorded nothing (most texts record nothing of most kinds). */
    private static final int[] NONE = new int[0];

    private static final String LOOKS_AT = "\n .-\"'`{/_\\|>(%J";
    private static final boolean[] LOOKS = new boolean[128];

    static {
        for (int k = 0; k < LOOKS_AT.length(); k++) {
            LOOKS[LOOKS_AT.charAt(k)] = true;
        }
    }

    /** Whether the trigger pass calls {@link #at} for the ASCII char {@code c}. */
    static boolean looksAt(char c) {
        return c < 0x80 && LOOKS[c];
    }

    /** Records the word {@code at} between two blanks, the first of which is at {@code blank}. */
    void atWord(int blank) {
        if (atCount == ats.length) {
            ats = Arrays.copyOf(ats, Math.max(8, atCount * 2));
        }
        ats[atCount++] = blank;
    }

    /**
     * Whether {@link #at} may record anything for the char {@code c} at {@code i}: the first test of the most common
     * chars' methods, so the pass calls {@link #at} for few of them (a line break after no base64 char, a full stop
     * at the end of a word, a path's slash).
     */
    static boolean mayRecord(char[] text, int i, char c) {
        return switch (c) {
            case '\n' -> i > 0 && (text[i - 1] == '\r' || text[i - 1] == '\\' || Views.isBase64(text[i - 1]));
            case '.', '-' -> i == 1 || i >= 2 && (text[i - 2] == c || !Rejoin.isToken(text[i - 2]));
            case '/', '_' -> i > 0 && isDigit(text[i - 1]);
            default -> true;
        };
    }

    /** Records the preconditions the char {@code c} at {@code i} of {@code text} (one of {@link #looksAt}) meets. */
    void at(char[] text, int i, char c) {
        switch (c) {
            case '\n' -> newline(text, i);
            case ' ', '.', '-' -> separator(text, i, c);
            case '"', '\'', '`' -> quote(text, i);
            case '{' -> templateOpen(text, i);
            case '|' -> {
                digitSeparator(text, i);
                yamlIndicator(text, i);
            }
            case '>' -> yamlIndicator(text, i);
            case 'J' -> jwt |= i >= 2 && text[i - 1] == 'y' && text[i - 2] == 'e';
            case '(' -> parenCall(text, i);
            case '%' -> call |= i + 1 < text.length && text[i + 1] == 's';
            default -> digitSeparator(text, i);
        }
    }

    /** Whether any builder but the always-run ones ({@code jwts}, {@code spelledEmails}) has work. */
    boolean any() {
        return newlineCount > 0
                || spaced
                || literal
                || literalComma
                || template
                || digitSeparatorCount > 0
                || yamlBlock
                || jwt
                || atCount > 0;
    }

    private void parenCall(char[] text, int i) {
        if (call || i == 0) {
            return;
        }
        // by the last letter of the call's name
        call = switch (text[i - 1]) {
            case 'n' -> Chars.startsWith(text, "join", i - 4) || Chars.startsWith(text, "Join", i - 4);
            case 't' ->
                Chars.startsWith(text, "format", i - 6)
                        || Chars.startsWith(text, "concat", i - 6)
                        || Chars.startsWith(text, "strcat", i - 6);
            case 'f' -> Chars.startsWith(text, "printf", i - 6);
            case 'e' -> Chars.startsWith(text, "implode", i - 7);
            default -> false;
        };
    }

    private void newline(char[] text, int i) {
        int b = i > 0 && text[i - 1] == '\r' ? i - 1 : i;
        boolean continuation = b > 0 && text[b - 1] == '\\';
        int end = continuation ? b - 1 : b;
        int need = continuation ? 1 : WRAPPED_RUN;
        // the chars of a wrapped value are the base64 chars: the run of them before the break must be long enough
        if (end < need) {
            return;
        }
        for (int k = end - need; k < end; k++) {
            if (!Views.isBase64(text[k])) {
                return;
            }
        }
        if (newlineCount == newlines.length) {
            newlines = Arrays.copyOf(newlines, Math.max(8, newlineCount * 2));
        }
        newlines[newlineCount++] = i;
    }

    private void separator(char[] text, int x, char c) {
        if (spaced || x == 0) {
            return;
        }
        char before = text[x - 1];
        if (x >= 2 && text[x - 2] != c && Rejoin.isToken(text[x - 2])) {
            // the char before is not a single char: no spaced-out run has a separator here
            return;
        }
        boolean piece = c == ' '
                ? Rejoin.isToken(before)
                : Rejoin.isAlnum(before) || before == '_' || before == '-' || before == '.';
        if (!piece) {
            return;
        }
        if (lastSeparator == null) {
            lastSeparator = new int[] {-3, -3};
            separator = new char[2];
            separators = new int[2];
            alnum = new boolean[2];
        }
        int p = x & 1;
        boolean letterOrDigit = Rejoin.isAlnum(before) || x + 1 < text.length && Rejoin.isAlnum(text[x + 1]);
        if (lastSeparator[p] == x - 2 && separator[p] == c) {
            separators[p]++;
            alnum[p] |= letterOrDigit;
        } else {
            separators[p] = 1;
            alnum[p] = letterOrDigit;
            separator[p] = c;
        }
        lastSeparator[p] = x;
        spaced = separators[p] >= Rejoin.MIN_SPACED - 1 && alnum[p];
    }

    private void quote(char[] text, int i) {
        if (literal) {
            return;
        }
        int k = i - 1;
        boolean comma = false;
        while (k >= 0 && i - k <= LITERAL_GAP && isGap(text[k])) {
            comma |= text[k] == ',';
            k--;
        }
        if (k < i - 1 && k >= 0 && isQuote(text[k])) {
            if (comma) {
                literalComma = true;
            } else {
                literal = true;
            }
        }
    }

    private void templateOpen(char[] text, int i) {
        if (i + 1 < text.length && isQuote(text[i + 1])) {
            template = true;
            if (templateCount == templates.length) {
                templates = Arrays.copyOf(templates, Math.max(8, templateCount * 2));
            }
            templates[templateCount++] = i;
        }
    }

    private void digitSeparator(char[] text, int i) {
        if (i > 0 && i + 1 < text.length && isDigit(text[i - 1]) && isDigit(text[i + 1])) {
            if (digitSeparatorCount == digitSeparators.length) {
                digitSeparators = Arrays.copyOf(digitSeparators, Math.max(8, digitSeparatorCount * 2));
            }
            digitSeparators[digitSeparatorCount++] = i;
        }
    }

    private void yamlIndicator(char[] text, int i) {
        if (yamlBlock) {
            return;
        }
        int k = i - 1;
        while (k >= 0 && (text[k] == ' ' || text[k] == '\t')) {
            k--;
        }
        yamlBlock = k < i - 1 && k >= 0 && text[k] == ':';
    }

    /** A char {@link Rejoin#literals} lets stand between two literals of a chain. */
    private static boolean isGap(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '+' || c == '&' || c == ',' || c == '.'
                || c == '|' || c == '\\';
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
