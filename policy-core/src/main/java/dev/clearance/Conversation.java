package dev.clearance;

import dev.clearance.internal.engine.ConversationAccess;
import dev.clearance.internal.engine.PseudonymTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The placeholders of one conversation, owned by the caller: pass it to
 * {@link PolicyDecider#evaluate(PolicyRequest, Conversation)} on every turn and the same value gets the same
 * placeholder in every turn, different values never share one, and {@link #restore(String)} (or any of the
 * turn's {@link Decision#restore(String)}) puts back the values of the whole conversation.
 *
 * <p>Bounded ({@link Builder#maxEntries(int)}; a turn that would need more is {@code DENY} with reason
 * {@link ReasonIds#LIMIT_CONVERSATION_ENTRIES}) and expiring (an entry unused for
 * {@link Builder#expireAfter(Duration)} is forgotten; its placeholder is then left as it is, and its number is
 * never given to another value). Thread-safe. Holds raw values: it is never serialised into decisions, logs or
 * errors, and {@link #toString()} prints only a count. Many conversations keyed by id: {@link RedactionVault}.
 */
public final class Conversation {
    static {
        ConversationAccess.install(c -> ((Conversation) c).table);
    }

    /** Default bound of a conversation's placeholders. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** Default time after which an unused placeholder is forgotten. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(8);

    private final PseudonymTable table;
    private final Restorer restorer;

    private Conversation(PseudonymTable table) {
        this.table = table;
        this.restorer = Restorer.live(table);
    }

    /** A conversation with the default bound and expiry. */
    public static Conversation create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Replaces every placeholder of this conversation in {@code text} with its value. */
    public String restore(String text) {
        return restorer.restore(text);
    }

    /** A live restorer over this conversation's placeholders. */
    public Restorer restorer() {
        return restorer;
    }

    /** A restorer for a streamed answer, over this conversation's placeholders as they are now. */
    public StreamingRestorer streamingRestorer() {
        return StreamingRestorer.of(restorer);
    }

    /** Number of live placeholders. */
    public int size() {
        return table.size();
    }

    /** Forgets every value; later values still never reuse an earlier placeholder. */
    public void clear() {
        table.clear();
    }

    @Override
    public String toString() {
        return "Conversation[" + table.size() + " placeholders]";
    }

    /** Builds a {@link Conversation}. */
    public static final class Builder {
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private Duration expireAfter = DEFAULT_EXPIRY;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Most placeholders held at once; at least 1. */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1");
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /** Time after which a placeholder neither given out nor restored again is forgotten; positive. */
        public Builder expireAfter(Duration expireAfter) {
            Objects.requireNonNull(expireAfter, "expireAfter");
            if (expireAfter.isNegative() || expireAfter.isZero()) {
                throw new IllegalArgumentException("expireAfter must be positive");
            }
            this.expireAfter = expireAfter;
            return this;
        }

        /** The clock expiry is measured with (tests inject one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Conversation build() {
            return new Conversation(new PseudonymTable(maxEntries, expireAfter, clock));
        }
    }
}
