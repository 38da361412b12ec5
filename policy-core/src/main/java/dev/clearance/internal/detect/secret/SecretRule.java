package dev.clearance.internal.detect.secret;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * One credential format, as data. A rule is only evaluated near an occurrence of one of its {@code keywords}
 * (found case-insensitively in one pass for all rules), which keeps scanning linear and fast.
 *
 * <ul>
 *   <li>{@link Kind#TOKEN}: {@code pattern} (RE2, linear time) finds the token itself in a window
 *       {@code [hit - back, hit + forward)} around the keyword; group 1, when present, is the secret span. The
 *       span must not touch an ASCII letter, digit or underscore on either side.</li>
 *   <li>{@link Kind#ASSIGNED}: the keyword names the service in an assignment ({@code fooToken = "..."},
 *       {@code FOO_KEY: ...}, {@code <foo>...}); {@code pattern} must match the assigned value exactly.</li>
 * </ul>
 *
 * @param id         gitleaks-style rule id, reported as the finding's rule
 * @param kind       how the keyword relates to the secret
 * @param keywords   lower-case literals that must occur for the rule to be tried
 * @param pattern    the token or value pattern
 * @param minEntropy minimum Shannon entropy (bits per char) of the secret, 0 for none
 * @param back       for tokens, how far before the keyword the token may start
 * @param forward    for tokens, how far after the keyword the match may end
 * @param confidence confidence reported for findings
 * @param context    for tokens, an optional pattern that must also occur in the window (e.g. {@code kind: Secret})
 * @param prefix     for tokens, whether the keyword is the token's own prefix (hits inside words are then skipped)
 * @param needsDigit whether the secret must contain a digit (formats whose alphabet also spells identifiers)
 * @param atKeyword  for tokens found around a keyword, whether every match starts exactly at the keyword: then each
 *                   hit is one anchored match instead of a search through its window (bounded work on dense hits)
 * @param contextWords lower-case words one of which every match of {@code context} holds (matched ignoring ASCII
 *                   case, as {@code (?i)} does): a window without any is rejected without running {@code context}
 */
public record SecretRule(
        String id,
        Kind kind,
        List<String> keywords,
        Pattern pattern,
        double minEntropy,
        int back,
        int forward,
        double confidence,
        Pattern context,
        boolean prefix,
        boolean needsDigit,
        boolean atKeyword,
        List<String> contextWords) {

    /** How the keyword relates to the secret. */
    enum Kind {
        TOKEN,
        ASSIGNED
    }

    public SecretRule {
        keywords = List.copyOf(keywords);
        contextWords = List.copyOf(contextWords);
    }

    /**
     * The pattern anchored with {@code ^}, for matches that must start at a given index. Equivalent under
     * {@code lookingAt}, but RE2J then stops as soon as no thread is alive; without the anchor it keeps searching
     * the rest of the input for the literal prefix (O(input) per attempt, quadratic on repeated prefixes).
     */
    Pattern compileAnchored() {
        return Pattern.compile("^(?:" + pattern.pattern() + ")", pattern.flags());
    }

    /** A self-identifying token whose keyword is its own prefix. */
    static SecretRule token(String id, double entropy, String regex, String... keywords) {
        return new SecretRule(
                id,
                Kind.TOKEN,
                List.of(keywords),
                Pattern.compile(regex),
                entropy,
                0,
                512,
                0.95,
                null,
                true,
                false,
                false,
                List.of());
    }

    /** A token whose keyword may sit up to {@code back} characters inside it. */
    static SecretRule tokenAround(String id, double entropy, int back, int forward, String regex, String... keywords) {
        return new SecretRule(
                id,
                Kind.TOKEN,
                List.of(keywords),
                Pattern.compile(regex),
                entropy,
                back,
                forward,
                0.9,
                null,
                false,
                false,
                false,
                List.of());
    }

    /** A value assigned to a name that mentions the service; the value pattern is case-insensitive. */
    static SecretRule assigned(String id, double entropy, String valueRegex, String... keywords) {
        return new SecretRule(
                id,
                Kind.ASSIGNED,
                List.of(keywords),
                Pattern.compile("(?i)(?:" + valueRegex + ")"),
                entropy,
                0,
                0,
                0.8,
                null,
                false,
                false,
                false,
                List.of());
    }

    /**
     * The same rule, additionally requiring {@code regex} somewhere in its window; every match of {@code regex}
     * holds one of {@code words} (lower case; see {@code contextWords}).
     */
    SecretRule requiring(String regex, String... words) {
        return new SecretRule(
                id,
                kind,
                keywords,
                pattern,
                minEntropy,
                back,
                forward,
                confidence,
                Pattern.compile(regex),
                prefix,
                needsDigit,
                atKeyword,
                List.of(words));
    }

    /** The same rule with another confidence. */
    SecretRule withConfidence(double value) {
        return new SecretRule(
                id,
                kind,
                keywords,
                pattern,
                minEntropy,
                back,
                forward,
                value,
                context,
                prefix,
                needsDigit,
                atKeyword,
                contextWords);
    }

    /** The same rule, requiring a digit in the secret. */
    SecretRule withDigit() {
        return new SecretRule(
                id,
                kind,
                keywords,
                pattern,
                minEntropy,
                back,
                forward,
                confidence,
                context,
                prefix,
                true,
                atKeyword,
                contextWords);
    }

    /** The same rule, declaring that its matches start exactly at the keyword (see {@code atKeyword}). */
    SecretRule startingAtKeyword() {
        return new SecretRule(
                id,
                kind,
                keywords,
                pattern,
                minEntropy,
                0,
                forward,
                confidence,
                context,
                prefix,
                needsDigit,
                true,
                contextWords);
    }

    /**
     * The literal (case-sensitive, at least two chars) that every match of this rule's pattern starts with, or null
     * when there is none that is evident from the pattern's text: the common literal head of its top-level
     * alternatives. A window can then be matched at the occurrences of the literal instead of searched.
     */
    String literalStart() {
        if (pattern.flags() != 0) {
            return null;
        }
        String regex = pattern.pattern();
        String common = null;
        int depth = 0;
        boolean inClass = false;
        int from = 0;
        for (int i = 0; i <= regex.length(); i++) {
            char c = i < regex.length() ? regex.charAt(i) : '|';
            if (i < regex.length() && c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                String head = literalHead(regex.substring(from, Math.min(i, regex.length())));
                common = common == null ? head : commonPrefix(common, head);
                from = i + 1;
            }
        }
        return common != null && common.length() >= 2 ? common : null;
    }

    /** The literal chars an alternative starts with, up to the first metachar (or a char a quantifier follows). */
    private static String literalHead(String alternative) {
        StringBuilder head = new StringBuilder();
        int i = 0;
        while (i < alternative.length()) {
            char c = alternative.charAt(i);
            char literal;
            int step;
            if (Character.isLetterOrDigit(c) && c < 128 || "-_/:=@~,;'\"%&!#<> ".indexOf(c) >= 0) {
                literal = c;
                step = 1;
            } else if (c == '\\'
                    && i + 1 < alternative.length()
                    && ".-/?+*()[]{}|^$\\".indexOf(alternative.charAt(i + 1)) >= 0) {
                literal = alternative.charAt(i + 1);
                step = 2;
            } else {
                break;
            }
            int j = i + step;
            if (j < alternative.length() && "?*+{".indexOf(alternative.charAt(j)) >= 0) {
                break;
            }
            head.append(literal);
            i = j;
        }
        return head.toString();
    }

    private static String commonPrefix(String a, String b) {
        int k = 0;
        while (k < a.length() && k < b.length() && a.charAt(k) == b.charAt(k)) {
            k++;
        }
        return a.substring(0, k);
    }

    /**
     * Whether {@code text[from, to)} holds one of {@code contextWords} (always true when there are none): ASCII
     * case ignored, and the long s and the Kelvin sign taken for {@code s} and {@code k}, as RE2's {@code (?i)}
     * folds them. A necessary condition of {@code context}: a window without any cannot match it.
     */
    boolean mayHoldContext(char[] text, int from, int to) {
        if (contextWords.isEmpty()) {
            return true;
        }
        long low = 0; // first chars of the words, both cases: ASCII 0-63 and 64-127
        long high = 0;
        for (int w = 0; w < contextWords.size(); w++) {
            char first = contextWords.get(w).charAt(0);
            for (int k = 0; k < 2; k++) {
                char c = k == 0 ? first : Character.toUpperCase(first);
                if (c < 64) {
                    low |= 1L << c;
                } else if (c < 128) {
                    high |= 1L << (c - 64);
                }
            }
        }
        for (int i = from; i < to; i++) {
            char c = text[i];
            boolean first = c < 64
                    ? (low >>> c & 1) != 0
                    : c < 128 ? (high >>> (c - 64) & 1) != 0 : c == '\u017F' || c == '\u212A';
            if (first) {
                for (int w = 0; w < contextWords.size(); w++) {
                    String word = contextWords.get(w);
                    if (i + word.length() <= to && foldedAt(text, i, word)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean foldedAt(char[] text, int at, String word) {
        for (int k = 0; k < word.length(); k++) {
            char c = text[at + k];
            char w = word.charAt(k);
            if (c != w
                    && !(w >= 'a' && w <= 'z' && c == w - 32)
                    && !(w == 's' && c == '\u017F')
                    && !(w == 'k' && c == '\u212A')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where one of the keywords sits in every match, when the pattern is one alternative that starts with a
     * counted class and a literal holding the keyword ({@code [A-Za-z0-9]{76}AZDO...}: 76), and the window reaches
     * back that far; else -1. A hit then has one possible match start, tried anchored, instead of a window
     * searched (RE2 runs a thread per position of a counted class: 76 per char on a run of token chars).
     */
    int keywordOffset() {
        String regex = pattern.pattern();
        if (kind != Kind.TOKEN || pattern.flags() != 0 || context != null || regex.indexOf('|') >= 0) {
            return -1;
        }
        java.util.regex.Matcher head = java.util.regex.Pattern.compile("^\\[[^\\]\\\\]+\\]\\{(\\d+)\\}")
                .matcher(regex);
        if (!head.find()) {
            return -1;
        }
        String literal = literalHead(regex.substring(head.end())).toLowerCase(java.util.Locale.ROOT);
        for (String k : keywords) {
            int j = literal.indexOf(k);
            int offset = j < 0 ? -1 : Integer.parseInt(head.group(1)) + j;
            if (j >= 0 && offset <= back) {
                return offset;
            }
        }
        return -1;
    }
}
