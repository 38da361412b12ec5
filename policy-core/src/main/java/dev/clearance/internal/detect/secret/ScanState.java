package dev.clearance.internal.detect.secret;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.clearance.Finding;
import dev.clearance.internal.detect.Checksums;
import dev.clearance.internal.detect.Placeholders;
import dev.clearance.internal.detect.ScanText;
import dev.clearance.internal.detect.Slice;
import dev.clearance.internal.detect.Text;
import java.util.function.Consumer;

/**
 * The state one secret scan shares between its heuristics: the text, where findings go, the work done (chars
 * handed to RE2J and chars examined by the bounded hand-written value scans, for the linearity guard) and the
 * budget of long-input retries; plus the anchored match and the acceptance checks that token and assigned rules
 * share.
 */
final class ScanState {
    /** Longest token an anchored match reads. */
    static final int MAX_TOKEN = 8 * 1024;

    private static final int SHORT_INPUT = 256;
    /** Long-input retries allowed per scan: keeps hostile runs of token characters linear. */
    private static final int LONG_RETRIES = 64;
    /** Confidence of a dictionary word ({@code secret}, {@code myPassword}) found in a real credential slot. */
    static final double DICTIONARY_CONFIDENCE = 0.4;
    /**
     * Formats whose fixed structure already rules out a template: their alphabets hold {@code $}, {@code %(} and
     * the like, which the placeholder check would otherwise take for a variable reference.
     */
    private static final java.util.Set<String> SELF_EVIDENT = selfEvident();

    final String text;
    /** The text's chars, shared with the scan's other passes; read only. */
    final char[] chars;

    final int n;
    final Consumer<Finding> sink;
    /** Work done: chars handed to RE2J and chars examined by the bounded hand-written value scans. */
    long work;
    /** Keyword hits. */
    int hits;

    private int longBudget = LONG_RETRIES;

    private static java.util.Set<String> selfEvident() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (SecretRule r : PasswordHashRules.rules()) {
            ids.add(r.id());
        }
        ids.add("django-secret-key");
        return java.util.Set.copyOf(ids);
    }

    ScanState(ScanText text, Consumer<Finding> sink) {
        this.text = text.string();
        this.chars = text.chars();
        this.n = chars.length;
        this.sink = sink;
    }

    /**
     * End of the match of {@code anchored} (a rule's pattern anchored with {@code ^}) at {@code start}, or -1. Tries
     * a short input first (RE2J's backtracker costs memory proportional to the input) and only retries on the long
     * one when the short match ran into its end.
     */
    int lookingAt(Pattern anchored, int start) {
        int shortEnd = Math.min(n, start + SHORT_INPUT);
        work += shortEnd - start;
        Matcher m = anchored.matcher(new Slice(chars, start, shortEnd));
        boolean matched = m.lookingAt();
        if (matched && start + m.end() < shortEnd || shortEnd == n) {
            return matched ? start + m.end() : -1;
        }
        if (!Text.isWordChar(chars[shortEnd - 1]) || longBudget <= 0) {
            return matched ? start + m.end() : -1;
        }
        longBudget--;
        work += Math.min(n, start + MAX_TOKEN) - start;
        m = anchored.matcher(new Slice(chars, start, Math.min(n, start + MAX_TOKEN)));
        return m.lookingAt() ? start + m.end() : -1;
    }

    /** The rule's confidence, raised for GitHub tokens whose CRC32 checksum holds. */
    double confidence(SecretRule rule, int s, int e) {
        if (rule.id().startsWith("github-") && e - s == 40 && chars[s + 3] == '_') {
            return Checksums.githubCrc(new Slice(chars, s + 4, e - 6), new Slice(chars, e - 6, e)) ? 0.99 : 0.9;
        }
        if ((CredentialSyntaxRules.CREDENTIAL_SLOTS.contains(rule.id())
                        || BuildToolCredentialRules.CREDENTIAL_SLOTS.contains(rule.id()))
                && dictionaryLike(s, e)) {
            return DICTIONARY_CONFIDENCE; // a dictionary word in a real credential slot is still a credential
        }
        return rule.confidence();
    }

    /** Not a placeholder, entropic enough and with a digit when the rule asks for them. */
    boolean acceptable(SecretRule rule, int s, int e) {
        return (SELF_EVIDENT.contains(rule.id()) || !Placeholders.isPlaceholder(text, s, e))
                && (rule.minEntropy() <= 0 || Text.entropy(text, s, e) >= rule.minEntropy())
                && (!rule.needsDigit() || hasDigit(s, e));
    }

    /** A dictionary-like password: a short word, or one that spells password or secret. */
    boolean dictionaryLike(int s, int e) {
        return StopWords.stopword(text, s, e, true)
                || e - s <= 10 && ValueShapes.lettersOnly(text, s, e)
                || e - s <= 12 && Placeholders.containsIgnoreCase(text, s, e, "secret");
    }

    /**
     * {@link Character#isWhitespace(char)}, answered by two compares for the ASCII chars that make up most text: the
     * passes ask it of nearly every char they step over.
     */
    static boolean isWhitespace(char c) {
        if (c < 128) {
            return c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' && c <= '\u001F';
        }
        return Character.isWhitespace(c);
    }

    private boolean hasDigit(int s, int e) {
        for (int i = s; i < e; i++) {
            if (Text.isDigit(chars[i])) {
                return true;
            }
        }
        return false;
    }
}
