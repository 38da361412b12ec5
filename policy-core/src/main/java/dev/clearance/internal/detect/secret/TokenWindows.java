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
    /**
     * Findings of one rule in a dense run (each starting within {@link #DENSE_GAP} chars of the previous one's end)
     * after which the rest of the run is not matched any more but reported as one span that covers every char a
     * match could take (fail closed: coverage is kept, only the count of findings is capped). Hostile inputs
     * ({@code password is '} fifty thousand times) otherwise cost one RE2 match and one finding per repetition.
     */
    static final int DENSE_AFTER = 64;

    static final int DENSE_GAP = 64;

    private final ScanState st;
    private final String text;
    private final char[] chars; // the scan's chars, read only
    private final int n;
    private final List<SecretRule> rules;
    private final Pattern[] anchored;
    private final String[] starts; // rule index -> literal its matches start with, or null
    private final int[] offsets; // rule index -> where its keyword sits in every match, or -1
    private final int[] checks; // rule index -> its structural pre-check (Prechecks), or Prechecks.NONE
    private final TokenHead[] heads; // rule index -> the head its anchored matches start with, or null
    private Prechecks prechecks; // allocated at the first pre-checked hit
    private int[] searchedTo; // rule index -> end of its last match tried at a keyword offset
    /** Per rule, its open window (allocated at the first window of the scan: most texts have none). */
    private int[] openStart;

    private int[] openEnd;
    private List<Finding> deferred;
    private List<Integer> deferredRule;
    private boolean[] hasDeferred;
    // Kerberos TGS pre-check: [spaceFrom, spaceAt) holds no whitespace and spaceAt is one (or n); the first
    // "$<24+ hex>$<64 hex>" at or after pairFrom is at pairAt (n: none)
    private int spaceFrom = -1;
    private int spaceAt = -1;
    private int pairFrom = -1;
    private int pairAt = -1;
    // dense runs of keyword-anchored findings, per rule (allocated with the deferred findings): the run's length,
    // the end of what it covers, and the start of the span reported for it once it is dense (-1: none yet)
    private int[] runLength;
    private int[] runEnd;
    private int[] spanStart;

    TokenWindows(
            ScanState st,
            List<SecretRule> rules,
            Pattern[] anchored,
            String[] starts,
            int[] offsets,
            int[] checks,
            TokenHead[] heads) {
        this.st = st;
        this.text = st.text;
        this.chars = st.chars;
        this.n = st.n;
        this.rules = rules;
        this.anchored = anchored;
        this.starts = starts;
        this.offsets = offsets;
        this.checks = checks;
        this.heads = heads;
    }

    /** Reports what is still pending at the end of the text: deferred keyword matches and open windows. */
    void finish() {
        if (openEnd == null && deferred == null) {
            return;
        }
        for (int r = 0; r < rules.size(); r++) {
            if (deferred != null && spanStart[r] >= 0) {
                endRun(r);
            }
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
        if (checks[r] != Prechecks.NONE) {
            if (prechecks == null) {
                prechecks = new Prechecks(st);
            }
            // a hit whose structure cannot match neither runs RE2 nor opens a window
            if (!prechecks.mayMatch(checks[r], start, end, Math.min(n, end + rule.forward()))) {
                return;
            }
        }
        if (rule.prefix()) {
            if (!Text.wordAt(text, start - 1)
                    && (start == 0 || chars[start - 1] != '.')
                    && tokenRun(start) >= 12
                    && (heads[r] == null || heads[r].mayMatch(st, start, n))) {
                anchoredToken(r, rule, start);
            }
            return;
        }
        if (rule.atKeyword() && rule.forward() > LONG_FORWARD && rule.context() == null) {
            // long formats (Kerberos tickets): a short anchored match first, the long one only when it ran into
            // the end of the short input (bounded retries), as prefix tokens do
            if (rule.id().equals(PasswordHashRules.KERBEROS_TGS) && !kerberosTicketAhead(start)) {
                return;
            }
            if (heads[r] != null && !heads[r].mayMatch(st, start, n)) {
                return;
            }
            anchoredToken(r, rule, start);
            return;
        }
        if (rule.atKeyword()) {
            matchAtKeyword(r, rule, start, Math.min(n, end + rule.forward()));
            return;
        }
        if (offsets[r] >= 0) {
            matchAtOffset(r, rule, start - offsets[r], Math.min(n, end + rule.forward()));
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
        // a head read in full is the match: no RE2 (whose counted repetitions cost a thread per count and char)
        int e = heads[r] != null && heads[r].exact()
                ? heads[r].matchEnd(st, start, Math.min(n, start + ScanState.MAX_TOKEN))
                : st.lookingAt(anchored[r], start);
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
            char c = chars[i];
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
        if (deferred != null && runLength[r] >= DENSE_AFTER) {
            if (start <= runEnd[r] + DENSE_GAP) {
                // inside a dense run: covered (a match here ends within we), not matched
                if (spanStart[r] < 0) {
                    spanStart[r] = start;
                }
                runEnd[r] = Math.max(runEnd[r], we);
                st.work += 1;
                return;
            }
            endRun(r);
        }
        if (heads[r] != null && !heads[r].mayMatch(st, start, we)) {
            return; // no match can start here: RE2 not run
        }
        Slice window = new Slice(chars, start, we);
        if (rule.context() != null
                && (!rule.mayHoldContext(chars, start, we)
                        || !rule.context().matcher(window).find())) {
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
            defer(r, Finding.secret(rule.id(), s, e, st.confidence(rule, s, e)));
            runLength[r] = runLength[r] > 0 && s <= runEnd[r] + DENSE_GAP ? runLength[r] + 1 : 1;
            runEnd[r] = e;
        }
    }

    private void defer(int r, Finding f) {
        if (deferred == null) {
            deferred = new ArrayList<>();
            deferredRule = new ArrayList<>();
            hasDeferred = new boolean[rules.size()];
            runLength = new int[rules.size()];
            runEnd = new int[rules.size()];
            spanStart = new int[rules.size()];
            java.util.Arrays.fill(spanStart, -1);
        }
        deferred.add(f);
        deferredRule.add(r);
        hasDeferred[r] = true;
    }

    /**
     * The one match of {@code rule} that can hold this keyword hit: the one starting {@code offsets[r]} chars before
     * it, anchored, within {@code we}; matches are tried left to right and one that overlaps the previous match is
     * skipped, as a search of the window would skip it.
     */
    private void matchAtOffset(int r, SecretRule rule, int s0, int we) {
        if (searchedTo == null) {
            searchedTo = new int[rules.size()];
        }
        if (s0 < 0 || s0 < searchedTo[r]) {
            return;
        }
        TokenHead head = heads[r];
        if (head != null && head.exact() && rule.pattern().groupCount() == 0) {
            // the head read in full is the anchored match: RE2 not run (a passing check would only add to it)
            int e = head.matchEnd(st, s0, we);
            if (e < 0) {
                return;
            }
            searchedTo[r] = s0 + Math.max(e - s0, 1);
            if (e > s0 && !Text.wordAt(text, e) && !Text.wordAt(text, s0 - 1) && st.acceptable(rule, s0, e)) {
                defer(r, Finding.secret(rule.id(), s0, e, st.confidence(rule, s0, e)));
            }
            return;
        }
        if (head != null && !head.mayMatch(st, s0, we)) {
            return;
        }
        st.work += we - s0;
        Matcher m = anchored[r].matcher(new Slice(chars, s0, we));
        if (!m.lookingAt()) {
            return;
        }
        searchedTo[r] = s0 + Math.max(m.end(), 1);
        boolean grouped = m.groupCount() >= 1 && m.start(1) >= 0;
        int s = s0 + (grouped ? m.start(1) : m.start());
        int e = s0 + (grouped ? m.end(1) : m.end());
        if (e <= s || Text.wordAt(text, e) || (!grouped && Text.wordAt(text, s - 1))) {
            return;
        }
        if (st.acceptable(rule, s, e)) {
            defer(r, Finding.secret(rule.id(), s, e, st.confidence(rule, s, e)));
        }
    }

    /** Ends rule {@code r}'s dense run: the span it covered beyond its matched findings becomes one finding. */
    private void endRun(int r) {
        if (spanStart[r] >= 0) {
            SecretRule rule = rules.get(r);
            defer(r, Finding.secret(rule.id(), spanStart[r], runEnd[r], rule.confidence()));
        }
        spanStart[r] = -1;
        runLength[r] = 0;
    }

    private void runWindow(int r, int ws, int we) {
        SecretRule rule = rules.get(r);
        openEnd[r] = -1;
        Slice window = new Slice(chars, ws, we);
        if (rule.context() != null) {
            st.work += we - ws;
            if (!rule.mayHoldContext(chars, ws, we)
                    || !rule.context().matcher(window).find()) {
                return;
            }
        }
        st.work += 2L * (we - ws);
        if (starts[r] != null && matchAtStarts(r, rule, starts[r], ws, we)) {
            return;
        }
        Matcher m = rule.pattern().matcher(window);
        int pos = 0;
        int run = 0;
        int lastEnd = -1;
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
                run = run > 0 && s <= lastEnd + DENSE_GAP ? run + 1 : 1;
                lastEnd = e;
                if (run >= DENSE_AFTER && ws + pos < we) {
                    // a dense run: the rest of the window is reported as one span instead of match by match
                    st.sink.accept(Finding.secret(rule.id(), ws + pos, we, rule.confidence()));
                    return;
                }
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
            if (chars[i] == first && text.startsWith(literal, i)) {
                if (count == MAX_STARTS) {
                    return false;
                }
                at[count++] = i;
            }
        }
        int pos = ws;
        TokenHead head = heads[r] != null && heads[r].exact() && rule.pattern().groupCount() == 0 ? heads[r] : null;
        for (int k = 0; k < count; k++) {
            int c = at[k];
            if (c < pos) {
                continue;
            }
            if (head != null) {
                // the head read in full is the anchored match (no groups): RE2 not run
                int e = head.matchEnd(st, c, we);
                if (e < 0) {
                    continue;
                }
                pos = Math.max(e, c + 1);
                if (e > c && !Text.wordAt(text, e) && !Text.wordAt(text, c - 1) && st.acceptable(rule, c, e)) {
                    st.sink.accept(Finding.secret(rule.id(), c, e, st.confidence(rule, c, e)));
                }
                continue;
            }
            Matcher m = anchored[r].matcher(new Slice(chars, c, we));
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

    /**
     * A necessary condition of a Kerberos TGS hash at {@code start} (see {@link PasswordHashRules}): its final
     * {@code $<24+ hex>$<64+ hex>} lies before the first whitespace. Checked from two positions remembered for the
     * scan (hits come in text order), so a dense run of {@code $krb5tgs$} prefixes costs linear time instead of one
     * long RE2 match per prefix.
     */
    private boolean kerberosTicketAhead(int start) {
        return nextHexPair(start + 9) < nextSpace(start);
    }

    private int nextSpace(int from) {
        if (spaceFrom < 0 || from < spaceFrom || from > spaceAt) {
            spaceFrom = from;
            int i = from;
            while (i < n && !isRe2Space(chars[i])) {
                i++;
            }
            spaceAt = i;
            st.work += i - from;
        }
        return spaceAt;
    }

    /** The first {@code $} at or after {@code from} that starts {@code $<24+ hex>$<64 hex>}, or {@code n}. */
    private int nextHexPair(int from) {
        if (pairFrom < 0 || from < pairFrom || from > pairAt) {
            pairFrom = from;
            int i = from;
            while (i < n && !hexPairAt(i)) {
                i++;
            }
            pairAt = i;
            st.work += i - from;
        }
        return pairAt;
    }

    private boolean hexPairAt(int i) {
        if (chars[i] != '$') {
            return false;
        }
        int j = i + 1;
        while (j < n && Text.isHex(chars[j])) {
            j++;
        }
        if (j - i - 1 < 24 || j >= n || chars[j] != '$') {
            return false;
        }
        int k = j + 1;
        while (k < n && k - j - 1 < 64 && Text.isHex(chars[k])) {
            k++;
        }
        return k - j - 1 >= 64;
    }

    /** RE2's {@code \s}: {@code [\t\n\f\r ]}. */
    private static boolean isRe2Space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
