package dev.clearance.gateway;

import dev.clearance.Conversation;

/**
 * Restores a conversation's placeholders inside JSON text (a tool call's {@code arguments}, an Anthropic
 * {@code input_json_delta}), chunk by chunk: a value restored inside a JSON string is escaped for it (quotes,
 * backslashes, control characters), one restored outside any string is written as a JSON string, so a value with
 * {@code "} or {@code \} or a newline never breaks the JSON around it. Whether the text is inside a string, and
 * after a backslash, is carried from chunk to chunk; a placeholder cut by a chunk's end is held back until it can
 * be read whole.
 */
final class JsonRestorer {
    /** A bracketed token longer than this is never a placeholder; it is emitted as it came. */
    static final int MAX_PLACEHOLDER = 128;

    private final Conversation conversation;
    private boolean inString;
    private boolean escaped;
    private String held = "";
    private boolean finished;

    JsonRestorer(Conversation conversation) {
        this.conversation = conversation;
    }

    /** The whole JSON text {@code json} with its placeholders restored. */
    static String restoreAll(Conversation conversation, String json) {
        JsonRestorer r = new JsonRestorer(conversation);
        return r.push(json) + r.finish();
    }

    /** Takes the next chunk; returns the restored text to emit now (possibly empty). */
    String push(String chunk) {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        if (chunk == null || chunk.isEmpty()) {
            return "";
        }
        String text = held.isEmpty() ? chunk : held + chunk;
        held = "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[' && !escaped && conversation != null) {
                int close = -1;
                int limit = Math.min(n, i + MAX_PLACEHOLDER);
                for (int k = i + 1; k < limit; k++) {
                    char d = text.charAt(k);
                    if (d == ']') {
                        close = k;
                        break;
                    }
                    if (d == '[' || d == '"' || d == '\\') {
                        break; // never inside a placeholder
                    }
                }
                if (close < 0 && limit == n && n - i < MAX_PLACEHOLDER && plausibleStart(text, i + 1, n)) {
                    held = text.substring(i); // may be a placeholder cut by the chunk's end
                    break;
                }
                if (close > 0) {
                    String token = text.substring(i, close + 1);
                    String value = conversation.restore(token);
                    if (!value.equals(token)) {
                        if (!inString) {
                            out.append('"');
                        }
                        escapeInto(value, out);
                        if (!inString) {
                            out.append('"');
                        }
                        i = close + 1;
                        continue;
                    }
                }
            }
            track(c);
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Ends the text: what was held back, as it came (an unfinished token is not a placeholder). */
    String finish() {
        finished = true;
        String rest = held;
        held = "";
        for (int i = 0; i < rest.length(); i++) {
            track(rest.charAt(i));
        }
        return rest;
    }

    private static boolean plausibleStart(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char d = text.charAt(k);
            if (d == '[' || d == '"' || d == '\\' || d == '\n') {
                return false;
            }
        }
        return true;
    }

    private void track(char c) {
        if (escaped) {
            escaped = false;
        } else if (inString && c == '\\') {
            escaped = true;
        } else if (c == '"') {
            inString = !inString;
        }
    }

    /** {@code value} escaped as the inside of a JSON string. */
    static void escapeInto(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
