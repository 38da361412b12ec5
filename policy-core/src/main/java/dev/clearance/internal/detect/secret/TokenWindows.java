package dev.clearance.internal.detect.secret;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.clearance.Finding;
import dev.clearance.internal.detect.Slice;
import dev.clearance.internal.detect.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Token rules: windows around keyword hits, merged per rule and searched with the rule's RE2 pattern when they
 * close (or at the end of the text); prefix tokens and tokens at their keyword are one anchored match per hit.
 */
final class TokenWindows {
    /** Forward reach beyond which a rule matching at its keyword is matched like a prefix token. */
    private static final int LONG_FORWARD = 1000;
    /** Occurrences of a rule's start literal beyond which its window is searched instead of matched at each. */
    private static final int MAX_STARTS = 4;

    private final ScanState st;
    private final String text;
    private final int n;
    private final List<SecretRule> rules;
    private final Pattern[] anchored;
    private final String[] starts; // rule index -> literal its matches start with, or null
    /** Per rule, its open window (allocated at the first window of the scan: most texts have none). */
    private int[] openStart;

    private int[] openEnd;
    private List<Finding> deferred;
    private List<Integer> deferredRule;
    private boolean[] hasDeferred;

    TokenWindows(ScanState st, List<SecretRule> rules, Pattern[] anchored, String[] starts) {
        this.st = st;
        this.text = st.text;
        this.n = st.n;
        this.rules = rules;
        this.anchored = anchored;
        this.starts = starts;
    }

    /** Reports what is still pending at the end of the text: deferred keyword matches and open windows. */
    void finish() {
        if (openEnd == null && deferred == null) {
            return;
        }
        for (int r = 0; r < rules.size(); r++) {
            if (deferred != null && hasDeferred[r]) {
                for (int k = 0; k < deferred.size(); k++) {
                    if (deferredRule.get(k) == r) {
                        st.sink.accept(deferred.get(k));
                    }
                }
            }
            if (openEnd != null && openEnd[r] >= 0) {
                runWindow(r, openStart[r], openEnd[r]);
            }
        }
    }

    /** A hit of keyword {@code [start, end)} owned by token rule {@code r}: a match now, or a window kept open. */
    void token(int r, SecretRule rule, int start, int end) {
        if (rule.prefix()) {
            if (!Text.wordAt(text, start - 1)
                    && (start == 0 || text.charAt(start - 1) != '.')
                    && tokenRun(start) >= 12) {
                anchoredToken(r, rule, start);
            }
            return;
        }
        if (rule.atKeyword() && rule.forward() > LONG_FORWARD && rule.context() == null) {
            // long formats (Kerberos tickets): a short anchored match first, the long one only when it ran into
            // the end of the short input (bounded retries), as prefix tokens do
            anchoredToken(r, rule, start);
            return;
        }
        if (rule.atKeyword()) {
            matchAtKeyword(r, rule, start, Math.min(n, end + rule.forward()));
            return;
        }
        int ws = Math.max(0, start - rule.back());
        int we = Math.min(n, end + rule.forward());
        if (openEnd == null) {
            openStart = new int[rules.size()];
            openEnd = new int[rules.size()];
            java.util.Arrays.fill(openEnd, -1);
        }
        if (openEnd[r] >= 0 && ws <= openEnd[r]) {
            openEnd[r] = Math.max(openEnd[r], we);
            return;
        }
        if (openEnd[r] >= 0) {
            runWindow(r, openStart[r], openEnd[r]);
        }
        openStart[r] = ws;
        openEnd[r] = we;
    }

    /** A token that must start exactly at {@code start}: one anchored, bounded match. */
    private void anchoredToken(int r, SecretRule rule, int start) {
        int e = st.lookingAt(anchored[r], start);
        if (e >= 0) {
            if (e > start && !Text.wordAt(text, e) && st.acceptable(rule, start, e)) {
                st.sink.accept(Finding.secret(rule.id(), start, e, st.confidence(rule, start, e)));
            }
        }
    }

    private int tokenRun(int from) {
        int i = from;
        int limit = Math.min(n, from + 12);
        while (i < limit) {
            char c = text.charAt(i);
            if (!(Text.isWordChar(c)
                    || c == '-'
                    || c == '.'
                    || c == '/'
                    || c == '+'
                    || c == '='
                    || c == '~'
                    || c == ':'
                    || c == '|')) {
                break;
            }
            i++;
        }
        return i - from;
    }

    /** The one match of {@code rule} that starts at its keyword {@code [start, ...)}, within {@code we}. */
    private void matchAtKeyword(int r, SecretRule rule, int start, int we) {
        Slice window = new Slice(text, start, we);
        if (rule.context() != null && !rule.context().matcher(window).find()) {
            return;
        }
        st.work += we - start;
        Matcher m = anchored[r].matcher(window);
        if (!m.lookingAt()) {
            return;
        }
        boolean grouped = m.groupCount() >= 1 && m.start(1) >= 0;
        int s = start + (grouped ? m.start(1) : m.start());
        int e = start + (grouped ? m.end(1) : m.end());
        if (e <= s || Text.wordAt(text, e) || (!grouped && Text.wordAt(text, s - 1))) {
            return;
        }
        if (st.acceptable(rule, s, e)) {
            // reported with the windows at the end of the scan, in rule order, as a window would be: specific
            // formats found during the pass keep precedence when two rules report the same span
            if (deferred == null) {
                deferred = new ArrayList<>();
                deferredRule = new ArrayList<>();
                hasDeferred = new boolean[rules.size()];
            }
            deferred.add(Finding.secret(rule.id(), s, e, st.confidence(rule, s, e)));
            deferredRule.add(r);
            hasDeferred[r] = true;
        }
    }

    private void runWindow(int r, int ws, int we) {
        SecretRule rule = rules.get(r);
        openEnd[r] = -1;
        Slice window = new Slice(text, ws, we);
        if (rule.context() != null && !rule.context().matcher(window).find()) {
            return;
        }
        st.work += 2L * (we - ws);
        if (starts[r] != null && matchAtStarts(r, rule, starts[r], ws, we)) {
            return;
        }
        Matcher m = rule.pattern().matcher(window);
        int pos = 0;
        while (pos < window.length() && m.find(pos)) {
            boolean grouped = m.groupCount() >= 1 && m.start(1) >= 0;
            int s = ws + (grouped ? m.start(1) : m.start());
            int e = ws + (grouped ? m.end(1) : m.end());
            pos = Math.max(m.end(), m.start() + 1);
            if (e <= s || Text.wordAt(text, e) || (!grouped && Text.wordAt(text, s - 1))) {
                continue;
            }
            if (st.acceptable(rule, s, e)) {
                st.sink.accept(Finding.secret(rule.id(), s, e, st.confidence(rule, s, e)));
            }
        }
    }

    /**
     * The window's matches found by one anchored match at each occurrence of the literal every match starts with
     * (what a search of the window finds, at a fraction of its cost); false, having reported nothing, when the
     * window holds more than {@link #MAX_STARTS} occurrences (then it is searched).
     */
    private boolean matchAtStarts(int r, SecretRule rule, String literal, int ws, int we) {
        int[] at = new int[MAX_STARTS];
        int count = 0;
        char first = literal.charAt(0);
        for (int i = ws, last = we - literal.length(); i <= last; i++) {
            if (text.charAt(i) == first && text.startsWith(literal, i)) {
                if (count == MAX_STARTS) {
                    return false;
                }
                at[count++] = i;
            }
        }
        int pos = ws;
        for (int k = 0; k < count; k++) {
            int c = at[k];
            if (c < pos) {
                continue;
            }
            Matcher m = anchored[r].matcher(new Slice(text, c, we));
            if (!m.lookingAt()) {
                continue;
            }
            boolean grouped = m.groupCount() >= 1 && m.start(1) >= 0;
            int s = c + (grouped ? m.start(1) : m.start());
            int e = c + (grouped ? m.end(1) : m.end());
            pos = Math.max(c + m.end(), c + 1);
            if (e <= s || Text.wordAt(text, e) || (!grouped && Text.wordAt(text, s - 1))) {
                continue;
            }
            if (st.acceptable(rule, s, e)) {
                st.sink.accept(Finding.secret(rule.id(), s, e, st.confidence(rule, s, e)));
            }
        }
        return true;
    }
}
