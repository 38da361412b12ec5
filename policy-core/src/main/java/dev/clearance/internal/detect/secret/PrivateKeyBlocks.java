package dev.clearance.internal.detect.secret;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Placeholders;
import dev.clearance.internal.detect.Text;

/** {@code -----BEGIN ... PRIVATE KEY-----} blocks, found at each {@code -----begin}. */
final class PrivateKeyBlocks {
    private static final int MAX_KEY_BLOCK = 64 * 1024;
    /** ASCII char -> 1 for {@code [A-Za-z0-9+/]}, else 0. */
    private static final byte[] BASE64 = base64();

    private final ScanState st;
    private final String text;
    private final char[] chars; // the scan's chars, read only
    private final int n;
    private int pemEndFrom = -1;
    private int pemEndAt = -1;

    PrivateKeyBlocks(ScanState st) {
        this.st = st;
        this.text = st.text;
        this.chars = st.chars;
        this.n = st.n;
    }

    /** The key block whose header starts at {@code begin}, if its body is long enough. */
    void find(int begin) {
        int headerFrom = begin + 10;
        int headerEnd = -1;
        for (int i = headerFrom; i < Math.min(n, headerFrom + 100); i++) {
            if (text.startsWith("-----", i)) {
                headerEnd = i + 5;
                break;
            }
        }
        if (headerEnd < 0 || !Placeholders.containsIgnoreCase(text, headerFrom, headerEnd, "PRIVATE KEY")) {
            return;
        }
        int endMarker = findEndMarker(headerEnd);
        int blockEnd;
        int body;
        if (endMarker >= 0 && endMarker - headerEnd <= MAX_KEY_BLOCK) {
            body = countBase64(headerEnd, endMarker);
            blockEnd = endMarker + 8;
            int limit = Math.min(n, blockEnd + 100);
            while (blockEnd < limit && !text.startsWith("-----", blockEnd)) {
                blockEnd++;
            }
            blockEnd = Math.min(n, blockEnd + 5);
        } else {
            blockEnd = headerEnd;
            while (blockEnd < n && blockEnd - headerEnd < MAX_KEY_BLOCK && isBase64OrSpace(blockEnd)) {
                blockEnd++;
            }
            body = countBase64(headerEnd, blockEnd);
        }
        if (body >= 50) {
            st.sink.accept(Finding.secret("private-key", begin, blockEnd, 0.99));
        }
    }

    private int findEndMarker(int from) {
        if (pemEndFrom >= 0 && from >= pemEndFrom && (pemEndAt < 0 || from <= pemEndAt)) {
            return pemEndAt;
        }
        pemEndFrom = from;
        pemEndAt = indexOfIgnoreCase("-----end", from);
        return pemEndAt;
    }

    private int indexOfIgnoreCase(String needle, int from) {
        for (int i = text.indexOf('-', from); i >= 0 && i + needle.length() <= n; i = text.indexOf('-', i + 1)) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private boolean isBase64OrSpace(int i) {
        char c = chars[i];
        return Text.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=' || c == '\\' || ScanState.isWhitespace(c);
    }

    /**
     * The base64 chars ({@code [A-Za-z0-9+/]}) of {@code [from, to)}: one table lookup per char, no branch on which
     * kind of char it is (a key body's chars are random, so such branches mispredict).
     */
    private int countBase64(int from, int to) {
        final byte[] base64 = BASE64;
        int count = 0;
        for (int i = from; i < to; i++) {
            char c = chars[i];
            count += c < 128 ? base64[c] : 0;
        }
        return count;
    }

    private static byte[] base64() {
        byte[] table = new byte[128];
        for (char c = 0; c < 128; c++) {
            table[c] = (byte) (Text.isAsciiAlnum(c) || c == '+' || c == '/' ? 1 : 0);
        }
        return table;
    }
}
