package dev.clearance.internal.detect.secret;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Placeholders;
import dev.clearance.internal.detect.Text;

/** Credentials in URLs: {@code scheme://user:password@host}, found at each {@code ://}. */
final class UrlCredentials {
    private final ScanState st;
    private final String text;
    private final char[] chars; // the scan's chars, read only
    private final int n;
    // a dense run of findings: its length, the end of its last finding, and the span that covers its findings
    // past the cap (-1: none yet)
    private int runLength;
    private int runEnd = -1;
    private int spanStart = -1;
    private int spanEnd = -1;
    private double spanConfidence;

    UrlCredentials(ScanState st) {
        this.st = st;
        this.text = st.text;
        this.chars = st.chars;
        this.n = st.n;
    }

    /** The credentials of the URL whose {@code ://} starts at {@code colon}, if any. */
    void find(int colon) {
        int schemeStart = colon;
        while (schemeStart > 0 && colon - schemeStart < 32) {
            char c = chars[schemeStart - 1];
            if (Text.isAsciiAlnum(c) || c == '+' || c == '.' || c == '-') {
                schemeStart--;
            } else {
                break;
            }
        }
        if (colon - schemeStart < 2 || !Text.isLetter(chars[schemeStart])) {
            return;
        }
        int userStart = colon + 3;
        int limit = Math.min(n, userStart + 256);
        int sep = -1;
        int at = -1;
        for (int i = userStart; i < limit; i++) {
            char c = chars[i];
            if (c == '@') {
                at = i;
            } else if (c == ':' && sep < 0 && at < 0) {
                sep = i;
            } else if (c == '/'
                    || c == '?'
                    || c == '#'
                    || c == '"'
                    || c == '\''
                    || c == '<'
                    || c == '>'
                    || c == '`'
                    || ScanState.isWhitespace(c)) {
                break;
            }
        }
        if (sep < 0 || at < 0 || at <= sep + 1 || at + 1 >= n || !Text.isAsciiAlnum(chars[at + 1])) {
            return;
        }
        if (Placeholders.isPlaceholder(text, sep + 1, at) || isKeywordAsValue(sep + 1, at)) {
            return;
        }
        // a dictionary password in a URL is still a credential: reported, at a lower confidence
        boolean weak = isTrivialPassword(sep + 1, at) || st.dictionaryLike(sep + 1, at);
        report(userStart, at, weak ? ScanState.DICTIONARY_CONFIDENCE : 0.9);
    }

    /**
     * Reports one credential, or, past {@link TokenWindows#DENSE_AFTER} findings of a dense run (each starting
     * within {@link TokenWindows#DENSE_GAP} chars of the previous one's end), extends the one span that covers the
     * rest of the run (fail closed: every char a finding took stays covered; only the count is capped).
     */
    private void report(int s, int e, double confidence) {
        if (runLength > 0 && s <= runEnd + TokenWindows.DENSE_GAP) {
            runLength++;
        } else {
            finish();
            runLength = 1;
        }
        runEnd = Math.max(runEnd, e);
        if (runLength <= TokenWindows.DENSE_AFTER) {
            st.sink.accept(Finding.secret("url-credentials", s, e, confidence));
            return;
        }
        if (spanStart < 0) {
            spanStart = s;
            spanConfidence = confidence;
        }
        spanEnd = Math.max(spanEnd, e);
        spanConfidence = Math.max(spanConfidence, confidence);
    }

    /** Reports the span of a dense run still open. */
    void finish() {
        if (spanStart >= 0) {
            st.sink.accept(Finding.secret("url-credentials", spanStart, spanEnd, spanConfidence));
        }
        spanStart = -1;
        spanEnd = -1;
        runLength = 0;
    }

    /** The format written out ({@code user:password@host}): the keyword itself stands in for the password. */
    private boolean isKeywordAsValue(int s, int e) {
        for (String t : new String[] {"password", "pass", "pwd", "passwd"}) {
            if (e - s == t.length() && text.regionMatches(true, s, t, 0, t.length())) {
                return true;
            }
        }
        return false;
    }

    private boolean isTrivialPassword(int s, int e) {
        String[] trivial = {"password", "pass", "pwd", "secret", "passwd", "user", "username"};
        for (String t : trivial) {
            if (e - s == t.length() && text.regionMatches(true, s, t, 0, t.length())) {
                return true;
            }
        }
        return false;
    }
}
