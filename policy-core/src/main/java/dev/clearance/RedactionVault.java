package dev.clearance;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Conversation}s of an application, keyed by conversation id (a chat memory id, a session id):
 * bounded in conversations, each forgotten once unused for {@link Builder#expireAfter(Duration)}. Thread-safe.
 * Holds raw values: never serialised; {@link #toString()} prints only a count, never an id.
 */
public final class RedactionVault {
    /** Default bound of conversations held at once. */
    public static final int DEFAULT_MAX_CONVERSATIONS = 10_000;

    private final int maxConversations;
    private final boolean evictWhenFull;
    private long evicted;
    private final long expiryMillis;
    private final Clock clock;
    private final Conversation.Builder conversations;
    private final LinkedHashMap<String, Held> byId = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Held {
        final Conversation conversation;
        long lastUsedMillis;

        Held(Conversation conversation, long lastUsedMillis) {
            this.conversation = conversation;
            this.lastUsedMillis = lastUsedMillis;
        }
    }

    private RedactionVault(Builder b) {
        this.maxConversations = b.maxConversations;
        this.evictWhenFull = b.evictWhenFull;
        this.expiryMillis = b.expireAfter.toMillis();
        this.clock = b.clock;
        this.conversations = Conversation.builder()
                .maxEntries(b.maxEntriesPerConversation)
                .expireAfter(b.expireAfter)
                .clock(b.clock);
    }

    /** A vault with the default bounds and expiry. */
    public static RedactionVault create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The conversation of {@code conversationId}, created on first use.
     *
     * @throws LimitExceededException when a new conversation is needed and the vault holds its maximum of live
     *     ones (setting {@code maxConversations}), unless {@link Builder#evictLeastRecentlyUsed(boolean)} is set, in
     *     which case the least recently used conversation is forgotten to make room
     */
    public synchronized Conversation conversation(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        long now = clock.millis();
        purgeExpired(now);
        Held held = byId.get(conversationId);
        if (held == null) {
            if (byId.size() >= maxConversations && evictWhenFull) {
                Iterator<Map.Entry<String, Held>> eldest = byId.entrySet().iterator();
                eldest.next().getValue().conversation.clear();
                eldest.remove();
                evicted++;
            }
            if (byId.size() >= maxConversations) {
                throw new LimitExceededException(
                        "maxConversations",
                        maxConversations,
                        "the redaction vault holds " + maxConversations + " conversations, the maximum allowed");
            }
            held = new Held(conversations.build(), now);
            byId.put(conversationId, held);
        }
        held.lastUsedMillis = now;
        return held.conversation;
    }

    /** Forgets a conversation and its values; a later turn with that id starts a new one. */
    public synchronized void forget(String conversationId) {
        Held held = byId.remove(conversationId);
        if (held != null) {
            held.conversation.clear();
        }
    }

    /** Conversations forgotten to make room for new ones ({@link Builder#evictLeastRecentlyUsed(boolean)}). */
    public synchronized long evictions() {
        return evicted;
    }

    /** Number of live conversations. */
    public synchronized int size() {
        purgeExpired(clock.millis());
        return byId.size();
    }

    private void purgeExpired(long now) {
        Iterator<Map.Entry<String, Held>> it = byId.entrySet().iterator();
        while (it.hasNext()) {
            Held h = it.next().getValue();
            if (now - h.lastUsedMillis < expiryMillis) {
                break;
            }
            it.remove();
            h.conversation.clear();
        }
    }

    @Override
    public synchronized String toString() {
        return "RedactionVault[" + byId.size() + " conversations]";
    }

    /** Builds a {@link RedactionVault}. */
    public static final class Builder {
        private int maxConversations = DEFAULT_MAX_CONVERSATIONS;
        private boolean evictWhenFull;
        private int maxEntriesPerConversation = Conversation.DEFAULT_MAX_ENTRIES;
        private Duration expireAfter = Conversation.DEFAULT_EXPIRY;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder maxConversations(int maxConversations) {
            if (maxConversations < 1) {
                throw new IllegalArgumentException("maxConversations must be at least 1");
            }
            this.maxConversations = maxConversations;
            return this;
        }

        /**
         * When the vault is full, forget the least recently used conversation instead of refusing a new one (the
         * default refuses with {@link LimitExceededException}). Right for a proxy that sees an unbounded stream of
         * conversations: a forgotten conversation's later answers keep their placeholders unrestored and its next
         * turn is redacted afresh; no value is ever given to another conversation.
         */
        public Builder evictLeastRecentlyUsed(boolean evict) {
            this.evictWhenFull = evict;
            return this;
        }

        public Builder maxEntriesPerConversation(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntriesPerConversation must be at least 1");
            }
            this.maxEntriesPerConversation = maxEntries;
            return this;
        }

        /** Time after which an unused conversation, or an unused placeholder in one, is forgotten. */
        public Builder expireAfter(Duration expireAfter) {
            Objects.requireNonNull(expireAfter, "expireAfter");
            if (expireAfter.isNegative() || expireAfter.isZero()) {
                throw new IllegalArgumentException("expireAfter must be positive");
            }
            this.expireAfter = expireAfter;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public RedactionVault build() {
            return new RedactionVault(this);
        }
    }
}
