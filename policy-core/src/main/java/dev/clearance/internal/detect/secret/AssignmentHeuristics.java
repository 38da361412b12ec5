package dev.clearance.internal.detect.secret;

import com.google.re2j.Pattern;
import dev.clearance.Finding;
import dev.clearance.internal.detect.Placeholders;
import dev.clearance.internal.detect.Text;

/**
 * Assignments {@code name = value}: the values of rules of kind {@link SecretRule.Kind#ASSIGNED}, and the generic
 * heuristics (a password, or a high-entropy value assigned to a key-like name) with their stop-word lists
 * ({@link StopWords}) and value shapes ({@link ValueShapes}).
 */
final class AssignmentHeuristics {
    private final ScanState st;
    private final String text;
    private final char[] chars; // the scan's chars, read only
    private final int n;
    private final Pattern[] anchored;
    private int plainFrom = -1; // [plainFrom, plainTo) holds no value terminator
    private int plainTo = -1;
    // the value start last rejected by the value-only checks of genericAssignment, and whether as a password: the
    // next keyword of the same name (api_key, access_token, auth_token) assigns the same value, not read again
    private int rejectedValue = -1;
    private boolean rejectedAsPassword;

    AssignmentHeuristics(ScanState st, Pattern[] anchored) {
        this.st = st;
        this.text = st.text;
        this.chars = st.chars;
        this.n = st.n;
        this.anchored = anchored;
    }

    /**
     * Where the value assigned to the name containing the keyword {@code [start, end)} starts, or -1: allows
     * up to 20 more name characters, closing quotes, an operator ({@code = : := => , ||}, or {@code >} closing
     * an XML element) and opening quotes (across a line break only when {@code multiline}).
     */
    int assignedValueStart(int start, int end, boolean multiline) {
        int i = end;
        int limit = Math.min(n, end + 20);
        while (i < limit) {
            char c = chars[i];
            if (Text.isWordChar(c) || c == ' ' || c == '\t' || c == '.' || c == '-') {
                i++;
            } else {
                break;
            }
        }
        for (int k = 0; k < 3 && i < n && isSpaceOrQuote(chars[i]); k++) {
            i++;
        }
        if (i >= n) {
            return -1;
        }
        char c = chars[i];
        if ((c == '?' || c == '=') && i + 1 < n && chars[i + 1] == (c == '?' ? '=' : '>')) {
            i += 2;
        } else if (c == ':') {
            int j = i;
            while (j < n && j - i < 3 && chars[j] == ':') {
                j++;
            }
            i = j < n && chars[j] == '=' ? j + 1 : i + 1;
        } else if (c == '=' || c == ',' || c == '>' && elementName(start)) {
            i++;
        } else if (c == '|' && i + 1 < n && chars[i + 1] == '|') {
            i += 2;
        } else {
            return -1;
        }
        for (int k = 0; k < 5 && i < n && isOpening(chars[i]); k++) {
            if (chars[i] == '\n' && !multiline) {
                return -1;
            }
            i++;
        }
        return i < n ? i : -1;
    }

    private boolean elementName(int keywordStart) {
        int i = keywordStart;
        while (i > 0 && keywordStart - i < 50 && isNameChar(chars[i - 1])) {
            i--;
        }
        return i > 0 && chars[i - 1] == '<';
    }

    private boolean isSpaceOrQuote(char c) {
        return ScanState.isWhitespace(c) || c == '\'' || c == '"';
    }

    private boolean isOpening(char c) {
        return ScanState.isWhitespace(c) || c == '\'' || c == '"' || c == '`' || c == '=';
    }

    private boolean terminated(int e) {
        if (e >= n) {
            return true;
        }
        char c = chars[e];
        if (c == '\\') {
            return e + 1 < n && (chars[e + 1] == 'n' || chars[e + 1] == 'r');
        }
        return ScanState.isWhitespace(c)
                || c == '`'
                || c == '\''
                || c == '"'
                || c == ';'
                || c == ','
                || c == ')'
                || c == '<'
                || c == '}'
                || c == ']';
    }

    /** The value at {@code vs} of assigned rule {@code r}: reported when the rule's pattern matches it exactly. */
    void assigned(int r, SecretRule rule, int vs) {
        int e = st.lookingAt(anchored[r], vs);
        if (e < 0) {
            return;
        }
        if (e > vs && terminated(e) && !ValueShapes.lettersOnly(text, vs, e) && st.acceptable(rule, vs, e)) {
            st.sink.accept(Finding.secret(rule.id(), vs, e, rule.confidence()));
        }
    }

    /**
     * Short keywords ({@code api}, {@code key}, {@code etsy}) must be written as a word would be: all lower,
     * all upper or capitalised, and (when {@code boundary}) start a name segment, so that {@code monkey} or
     * {@code SetSysctl} do not count.
     */
    boolean keywordShapeOk(int start, int end, boolean boundary) {
        if (end - start > 5) {
            return true;
        }
        boolean lower = true;
        boolean upper = true;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (Text.isUpper(c)) {
                lower = false;
            } else if (Text.isLetter(c)) {
                upper = false;
            }
        }
        boolean capitalised = Text.isUpper(chars[start]) && isLowerTail(start + 1, end);
        if (!(lower || upper || capitalised)) {
            return false;
        }
        if (!boundary || start == 0) {
            return true;
        }
        char before = chars[start - 1];
        if (!Text.isLetter(before)) {
            return true;
        }
        return Text.isUpper(chars[start]) && !Character.isUpperCase(before);
    }

    private boolean isLowerTail(int from, int to) {
        for (int i = from; i < to; i++) {
            if (Text.isUpper(chars[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value assigned to the name holding generic keyword {@code [start, end)}: a password assignment when
     * {@code isPassword}, else a generic API key, unless the name, the value's words or its shape say otherwise.
     */
    void genericAssignment(int start, int end, boolean isPassword) {
        if (!keywordShapeOk(start, end, end - start <= 4)) {
            return;
        }
        int vs = assignedValueStart(start, end, false);
        if (vs < 0 || vs == rejectedValue && isPassword == rejectedAsPassword) {
            return;
        }
        long value = value(vs, isPassword);
        if (value < 0) {
            rejectedValue = vs;
            rejectedAsPassword = isPassword;
            return;
        }
        int s = (int) (value >>> 32);
        int ve = (int) value;
        int nameStart = start;
        while (nameStart > 0 && start - nameStart < 50 && isNameChar(chars[nameStart - 1])) {
            nameStart--;
        }
        int nameEnd = end;
        while (nameEnd < n && isNameChar(chars[nameEnd])) {
            nameEnd++;
        }
        st.work += nameEnd - nameStart;
        if (ValueShapes.looksLikeCode(text, s, ve)
                || Placeholders.isPlaceholder(text, s, ve)
                || StopWords.nonSecretName(text, nameStart, nameEnd)) {
            return;
        }
        if (isPassword) {
            st.sink.accept(Finding.secret("password-assignment", s, ve, 0.7));
            return;
        }
        st.sink.accept(Finding.secret("generic-api-key", s, ve, 0.6));
    }

    /**
     * The value that starts at {@code vs} (as {@link #assignedValueStart} found it), as {@code start << 32 | end},
     * when its own checks accept it (quoted or plain, long enough, and shaped as a password or as a key); else -1.
     * Depends on {@code vs} and {@code isPassword} only, not on the name.
     */
    private long value(int vs, boolean isPassword) {
        char open = chars[vs - 1];
        boolean escaped = false;
        if (chars[vs] == '\\' && vs + 1 < n && (chars[vs + 1] == '"' || chars[vs + 1] == '\'')) {
            // a quoted value inside an escaped string: \"value\"
            open = chars[vs + 1];
            vs += 2;
            escaped = true;
            if (vs >= n) {
                return -1;
            }
        }
        int ve;
        if (open == '"' || open == '\'' || open == '`') {
            int limit = Math.min(n, vs + 200);
            ve = vs;
            while (ve < limit && chars[ve] != '\n' && !(chars[ve] == open && (!escaped || chars[ve - 1] == '\\'))) {
                ve++;
            }
            if (ve >= limit || chars[ve] != open) {
                return -1;
            }
            if (escaped) {
                ve--;
            }
        } else {
            ve = valueEnd(vs);
        }
        // cheap, value-only checks first (all of these are pure; the order only saves work)
        if (ve <= vs || ve - vs > 150) {
            return -1;
        }
        if (isPassword) {
            if (ve - vs < 6
                    || StopWords.stopword(text, vs, ve, true)
                    || Text.entropy(text, vs, ve) < 2.5
                    || ValueShapes.notAPassword(text, vs, ve)) {
                return -1;
            }
        } else if (ve - vs < 10
                || !ValueShapes.secretAlphabet(text, vs, ve)
                || !ValueShapes.hasNonLetter(text, vs, ve)
                || StopWords.stopword(text, vs, ve, false)
                || Text.entropy(text, vs, ve) < 3.5
                || ValueShapes.identifierLike(text, vs, ve)) {
            return -1;
        }
        return (long) vs << 32 | ve;
    }

    /**
     * End of an unquoted value starting at {@code vs}: the first terminator, or {@code vs + 151} when there is
     * none that close (such values are rejected). Remembers the last run known to hold no terminator, so that
     * dense keyword hits ({@code key=key=key=...}) do not rescan the same chars: linear overall.
     */
    private int valueEnd(int vs) {
        int limit = Math.min(n, vs + 151);
        int ve = vs;
        if (vs >= plainFrom && vs < plainTo) {
            ve = Math.min(plainTo, limit);
        }
        st.work += limit - ve;
        while (ve < limit && !terminated(ve)) {
            ve++;
        }
        if (!(vs >= plainFrom && vs <= plainTo)) {
            plainFrom = vs;
        }
        plainTo = ve;
        return ve;
    }

    private boolean isNameChar(char c) {
        return Text.isWordChar(c) || c == '.' || c == '-';
    }
}
