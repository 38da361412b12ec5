package dev.clearance;

import java.util.List;
import java.util.Objects;

/**
 * Checks what a model sends back before the user (or a tool) sees it, with the same detectors and the same pack
 * as the request: the answer is decided as a {@link Direction#RESPONSE} of the request that was sent (rules tell
 * the directions apart with {@code Context( response )}; the default pack redacts secrets in both directions).
 * Then the conversation's placeholders are restored; values the check redacted in the answer never are.
 *
 * <p>Whole answers: {@link #check}. Streams: {@link #stream}; text is emitted only once it was checked, and a
 * stream in which the check finds anything it would change or deny is cut with a
 * {@link ResponseBlockedException}, never passed on. Thread-safe; one {@link Stream} per streamed answer.
 */
public final class ResponseGuard {
    /** A word longer than this is checked and emitted without waiting for its end. */
    static final int MAX_HELD_WORD = 4096;

    /** Characters of already checked text decided again with each new part of a stream (context for detectors). */
    public static final int CONTEXT = 1024;

    /** Longest unterminated {@code -----BEGIN} block a stream holds back; a longer one cuts the stream. */
    public static final int MAX_HELD_BLOCK = 16_384;

    private static final String BEGIN = "-----BEGIN";
    private static final String END = "-----END";
    private static final String DASHES = "-----";

    private final PolicyDecider decider;

    private ResponseGuard(PolicyDecider decider) {
        this.decider = Objects.requireNonNull(decider, "decider");
    }

    /** A guard deciding with {@code decider} (a {@link ReloadingPolicyEngine} keeps hot reload working). */
    public static ResponseGuard of(PolicyDecider decider) {
        return new ResponseGuard(decider);
    }

    /**
     * The text the user may see for the model's {@code answer} to {@code sent}: the answer with anything the
     * policy redacts replaced, and the conversation's placeholders restored.
     *
     * @param sent         the request that was sent (its destination is the model that answered)
     * @param conversation the conversation whose placeholders to restore; null restores none
     * @throws ResponseBlockedException when the policy denies the answer
     */
    public String check(PolicyRequest sent, Conversation conversation, String answer) {
        Objects.requireNonNull(sent, "sent");
        if (answer == null || answer.isEmpty()) {
            return answer;
        }
        Decision d = decide(sent, answer);
        return switch (d.effect()) {
            case ALLOW -> conversation == null ? answer : conversation.restore(answer);
            case DENY -> throw new ResponseBlockedException("denied the model's answer", d);
            case REDACT -> restoreExcept(d, conversation);
        };
    }

    /** A checker for one streamed answer to {@code sent}. */
    public Stream stream(PolicyRequest sent, Conversation conversation) {
        return new Stream(Objects.requireNonNull(sent, "sent"), conversation);
    }

    private Decision decide(PolicyRequest sent, String text) {
        // never with the conversation: a value found in the answer must not become restorable
        return decider.evaluate(sent.withDirection(Direction.RESPONSE).withContent(text));
    }

    private static String restoreExcept(Decision d, Conversation conversation) {
        String content = d.content();
        if (conversation == null) {
            return content;
        }
        // the replacements appear in order and, being new tokens, nowhere else: restore only around them
        StringBuilder out = new StringBuilder(content.length());
        int written = 0;
        int at = 0;
        for (Redaction r : d.redactions()) {
            int start = content.indexOf(r.replacement(), at);
            if (start < 0) {
                continue;
            }
            out.append(conversation.restore(content.substring(written, start))).append(r.replacement());
            written = start + r.replacement().length();
            at = written;
        }
        out.append(conversation.restore(content.substring(written)));
        return out.toString();
    }

    /**
     * One streamed answer: {@link #push(String)} each chunk and emit what it returns, then emit
     * {@link #finish()}. The word being written at a chunk's end is held back until it ends, so no value is
     * emitted before it was checked whole; an unterminated {@code -----BEGIN} block (a PEM key being written) is
     * held back until its {@code -----END} line, at most {@link #MAX_HELD_BLOCK} characters, beyond which the
     * stream is cut. Each release checks only the new text with up to {@link #CONTEXT} characters of what came
     * before it (work linear in the answer's length); {@link #finish()} checks the whole answer once more. After a
     * {@link ResponseBlockedException} every call throws it again.
     */
    public final class Stream {
        private final PolicyRequest sent;
        private final StreamingRestorer restorer;
        private final StringBuilder raw = new StringBuilder();
        private int checked;
        /** Start of an open {@code -----BEGIN} block not yet released, or -1. */
        private int blockStart = -1;
        /** Start of that block's {@code -----END}, or -1 while none came. */
        private int endAt = -1;
        /** Where the next search for a block's start, end or closing dashes begins. */
        private int scanFrom;

        private ResponseBlockedException cut;
        private boolean finished;

        private Stream(PolicyRequest sent, Conversation conversation) {
            this.sent = sent;
            this.restorer =
                    conversation == null ? StreamingRestorer.of(Restorer.NONE) : conversation.streamingRestorer();
        }

        /**
         * Takes the next chunk; returns the checked, restored text to emit now (possibly empty).
         *
         * @throws ResponseBlockedException when the answer so far holds anything the policy would not pass
         *     unchanged, or a held {@code -----BEGIN} block grew past {@link #MAX_HELD_BLOCK}: the stream is cut
         */
        public synchronized String push(String chunk) {
            ensureOpen();
            if (chunk == null || chunk.isEmpty()) {
                return "";
            }
            int before = raw.length();
            raw.append(chunk);
            trackBlocks(before);
            int safe = lastBoundary(before);
            if (blockStart >= 0) {
                if (raw.length() - blockStart > MAX_HELD_BLOCK) {
                    Decision d = decide(sent, raw.substring(windowStart(), raw.length()));
                    cut = new ResponseBlockedException("cut the model's streamed answer", heldTooLong(d));
                    throw cut;
                }
                safe = Math.min(safe, blockStart);
            }
            if (safe - checked <= 0) {
                return "";
            }
            return release(safe, windowStart());
        }

        /**
         * Ends the stream: checks the whole answer and returns the rest to emit.
         *
         * @throws ResponseBlockedException when the whole answer does not pass unchanged, or ends inside an
         *     unterminated {@code -----BEGIN} block
         */
        public synchronized String finish() {
            ensureOpen();
            if (blockStart >= 0) {
                Decision d = decide(sent, raw.toString());
                cut = new ResponseBlockedException("cut the model's streamed answer", heldTooLong(d));
                throw cut;
            }
            String rest = release(raw.length(), 0);
            finished = true;
            return rest + restorer.finish();
        }

        private String release(int upTo, int from) {
            Decision d = decide(sent, raw.substring(from, upTo));
            if (d.effect() != Effect.ALLOW) {
                cut = new ResponseBlockedException("cut the model's streamed answer", d);
                throw cut;
            }
            String out = restorer.push(raw.substring(checked, upTo));
            checked = upTo;
            return out;
        }

        /** Start of the text checked with the new text: up to CONTEXT characters back, from a word's start. */
        private int windowStart() {
            int from = Math.max(0, checked - CONTEXT);
            if (from == 0) {
                return 0;
            }
            for (int i = from; i < checked; i++) {
                if (Character.isWhitespace(raw.charAt(i))) {
                    return i + 1;
                }
            }
            return from;
        }

        /**
         * Follows {@code -----BEGIN} blocks: where one opens, where its {@code -----END} comes, and the dashes that
         * close that line. Each search starts at the new text (less a pattern's length), so the work is linear.
         */
        private void trackBlocks(int before) {
            while (true) {
                if (blockStart < 0) {
                    int b = raw.indexOf(BEGIN, Math.max(scanFrom, before - BEGIN.length()));
                    if (b < 0) {
                        return;
                    }
                    blockStart = b;
                    endAt = -1;
                    scanFrom = b + BEGIN.length();
                } else if (endAt < 0) {
                    int e = raw.indexOf(END, Math.max(scanFrom, before - END.length()));
                    if (e < 0) {
                        return;
                    }
                    endAt = e;
                    scanFrom = e + END.length();
                } else {
                    int c = raw.indexOf(DASHES, Math.max(scanFrom, before - DASHES.length()));
                    if (c < 0) {
                        return;
                    }
                    blockStart = -1;
                    endAt = -1;
                    scanFrom = c + DASHES.length();
                }
            }
        }

        /** End of the last complete word: after the last whitespace, or all when the word grew too long. */
        private int lastBoundary(int before) {
            for (int i = raw.length() - 1; i >= Math.max(checked, before - 1); i--) {
                if (Character.isWhitespace(raw.charAt(i))) {
                    return i + 1;
                }
            }
            return raw.length() - checked > MAX_HELD_WORD ? raw.length() : checked;
        }

        /** A DENY standing for a stream cut at a held block: the ids and pack of {@code d}, a limit reason. */
        private Decision heldTooLong(Decision d) {
            return new Decision(
                    d.id(),
                    d.decisionId(),
                    Effect.DENY,
                    List.of(new Reason(
                            ReasonIds.LIMIT_STREAM_HELD_BLOCK,
                            Effect.DENY,
                            "an unterminated -----BEGIN block in the streamed answer was held back up to "
                                    + MAX_HELD_BLOCK + " characters; the stream was cut",
                            d.pack(),
                            d.packVersion())),
                    List.of(),
                    null,
                    d.diagnostics(),
                    d.elapsedMicros(),
                    d.pack(),
                    d.packVersion(),
                    null);
        }

        private void ensureOpen() {
            if (cut != null) {
                throw cut;
            }
            if (finished) {
                throw new IllegalStateException("the stream was finished");
            }
        }

        @Override
        public synchronized String toString() {
            return "ResponseGuard.Stream[" + checked + " chars checked" + (cut != null ? ", cut" : "") + "]";
        }
    }
}
