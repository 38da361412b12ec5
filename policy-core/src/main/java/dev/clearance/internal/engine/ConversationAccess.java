package dev.clearance.internal.engine;

import java.util.Objects;
import java.util.function.Function;

/**
 * How the engine reaches a {@code Conversation}'s placeholder table without a public accessor. {@code
 * Conversation} installs the accessor when its class is initialised, which has happened by the time any caller
 * holds one.
 */
public final class ConversationAccess {
    private static volatile Function<Object, PseudonymTable> accessor;

    private ConversationAccess() {}

    /** Called once, by {@code Conversation}'s static initialiser. */
    public static void install(Function<Object, PseudonymTable> conversationToTable) {
        if (accessor != null) {
            throw new IllegalStateException("conversation accessor already installed");
        }
        accessor = Objects.requireNonNull(conversationToTable, "conversationToTable");
    }

    /** The table of {@code conversation} (a {@code Conversation}). */
    public static PseudonymTable table(Object conversation) {
        Objects.requireNonNull(conversation, "conversation");
        Function<Object, PseudonymTable> a = accessor;
        if (a == null) {
            throw new IllegalStateException("Conversation not initialised");
        }
        return a.apply(conversation);
    }
}
