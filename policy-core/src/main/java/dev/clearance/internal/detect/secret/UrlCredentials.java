package dev.clearance.internal.detect.secret;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Placeholders;
import dev.clearance.internal.detect.Text;

/** Credentials in URLs: {@code scheme://user:password@host}, found at each {@code ://}. */
final class UrlCredentials {
    private final ScanState st;
    private final String text;
    private final int n;

    UrlCredentials(ScanState st) {
        this.st = st;
        this.text = st.text;
        this.n = st.n;
    }

    /** The credentials of the URL whose {@code ://} starts at {@code colon}, if any. */
    void find(int colon) {
        int schemeStart = colon;
        while (schemeStart > 0 && colon - schemeStart < 32) {
            char c = text.charAt(schemeStart - 1);
            if (Text.isAsciiAlnum(c) || c == '+' || c == '.' || c == '-') {
                schemeStart--;
            } else {
                break;
            }
        }
        if (colon - schemeStart < 2 || !Text.isLetter(text.charAt(schemeStart))) {
            return;
        }
        int userStart = colon + 3;
        int limit = Math.min(n, userStart + 256);
        int sep = -1;
        int at = -1;
        for (int i = userStart; i < limit; i++) {
            char c = text.charAt(i);
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
                    || Character.isWhitespace(c)) {
                break;
            }
        }
        if (sep < 0 || at < 0 || at <= sep + 1 || at + 1 >= n || !Text.isAsciiAlnum(text.charAt(at + 1))) {
            return;
        }
        if (Placeholders.isPlaceholder(text, sep + 1, at) || isKeywordAsValue(sep + 1, at)) {
            return;
        }
        // a dictionary password in a URL is still a credential: reported, at a lower confidence
        boolean weak = isTrivialPassword(sep + 1, at) || st.dictionaryLike(sep + 1, at);
        st.sink.accept(Finding.secret("url-credentials", userStart, at, weak ? ScanState.DICTIONARY_CONFIDENCE : 0.9));
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
