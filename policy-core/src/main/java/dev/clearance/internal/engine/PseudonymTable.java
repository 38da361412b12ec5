package dev.clearance.internal.engine;

import dev.clearance.Finding;
import dev.clearance.Redaction;
import dev.clearance.RedactionResult;
import dev.clearance.RedactionStyle;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The placeholder mapping of one conversation: one placeholder per (type, value), numbered per type across the
 * whole conversation, bounded in entries and expiring entries unused for a while. Thread-safe (every method
 * holds the table's lock). Holds raw values: never printed, serialised or logged. Internal.
 *
 * <p>Numbers are never reused, not even after an entry expired, so two different values never share a
 * placeholder during the table's life.
 */
public final class PseudonymTable {
    /** Thrown when a new value needs a placeholder and the table is full of live entries. */
    public static final class FullException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int maxEntries;

        FullException(int maxEntries) {
            super("the conversation holds " + maxEntries + " placeholders, the maximum allowed", null, false, false);
            this.maxEntries = maxEntries;
        }

        public int maxEntries() {
            return maxEntries;
        }
    }

    private static final class Entry {
        final String placeholder;
        final String value;
        final String key;
        long lastUsedMillis;

        Entry(String placeholder, String value, String key, long lastUsedMillis) {
            this.placeholder = placeholder;
            this.value = value;
            this.key = key;
            this.lastUsedMillis = lastUsedMillis;
        }
    }

    private final int maxEntries;
    private final long expiryMillis;
    private final Clock clock;
    /** (type, value) → entry, least recently used first. */
    private final LinkedHashMap<String, Entry> byValue = new LinkedHashMap<>(16, 0.75f, true);

    private final Map<String, Entry> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> perType = new HashMap<>();
    private int longest;
    /**
     * Redactions made before in this conversation, by the findings list they were made from: a chat history is
     * sent again on every turn, and a message whose findings came from the findings cache (the same list) needs
     * no second redaction while its placeholders live. Bounded; holds raw content like the entries do.
     */
    private final Map<List<Finding>, Redone> redone = new IdentityHashMap<>();

    private long redoneChars;

    private record Redone(String content, List<Finding> toRedact, RedactionStyle style, RedactionResult result) {}

    /** Bounds of the redaction memo, in redactions and in chars of the contents it holds. */
    static final int MAX_REDONE = 512;

    static final long MAX_REDONE_CHARS = 1L << 20;

    public PseudonymTable(int maxEntries, Duration expireAfter, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        if (expireAfter.isNegative() || expireAfter.isZero()) {
            throw new IllegalArgumentException("expireAfter must be positive");
        }
        this.maxEntries = maxEntries;
        this.expiryMillis = expireAfter.toMillis();
        this.clock = clock;
    }

    /**
     * The placeholder of {@code value} of {@code type}: the one it got earlier in the conversation, else a new
     * one (numbered after every placeholder of that type so far) that {@code taken} does not hold.
     *
     * @throws FullException when a new placeholder is needed and the table is full of live entries
     */
    public synchronized String placeholderFor(
            String type, String value, RedactionStyle style, Predicate<String> taken) {
        long now = clock.millis();
        purgeExpired(now);
        String key = type + '\u0000' + value;
        Entry e = byValue.get(key);
        if (e != null) {
            e.lastUsedMillis = now;
            return e.placeholder;
        }
        if (byValue.size() >= maxEntries) {
            throw new FullException(maxEntries);
        }
        String placeholder;
        do {
            int n = perType.merge(type, 1, Integer::sum);
            placeholder = style.replacement(type, value, n);
        } while (taken.test(placeholder) || byPlaceholder.containsKey(placeholder));
        e = new Entry(placeholder, value, key, now);
        byValue.put(key, e);
        byPlaceholder.put(placeholder, e);
        longest = Math.max(longest, placeholder.length());
        return placeholder;
    }

    /**
     * The redaction of {@code content} made before from {@code findings} (the same list) and {@code toRedact}, when
     * every placeholder in it still stands for the same value of the same type: then {@link Redactor} would make
     * the same one again. Null otherwise. Using it keeps its placeholders alive, as redacting again would.
     */
    synchronized RedactionResult redone(
            List<Finding> findings, String content, List<Finding> toRedact, RedactionStyle style) {
        Redone r = redone.get(findings);
        if (r == null || r.style != style || !r.content.equals(content) || !r.toRedact.equals(toRedact)) {
            return null;
        }
        long now = clock.millis();
        purgeExpired(now);
        for (Redaction red : r.result.redactions()) {
            Entry e = byPlaceholder.get(red.replacement());
            int length = red.end() - red.start();
            String type = red.type();
            if (e == null
                    || e.value.length() != length
                    || !content.regionMatches(red.start(), e.value, 0, length)
                    || e.key.length() != type.length() + 1 + length
                    || !e.key.startsWith(type)
                    || e.key.charAt(type.length()) != '\u0000') {
                return null;
            }
        }
        for (Redaction red : r.result.redactions()) {
            Entry e = byPlaceholder.get(red.replacement());
            e.lastUsedMillis = now;
            byValue.get(e.key); // access order, as placeholderFor
        }
        return r.result;
    }

    /** Remembers a redaction for {@link #redone}. */
    synchronized void rememberRedone(
            List<Finding> findings, String content, List<Finding> toRedact, RedactionStyle style, RedactionResult r) {
        if (redone.size() >= MAX_REDONE || redoneChars + content.length() > MAX_REDONE_CHARS) {
            redone.clear();
            redoneChars = 0;
        }
        if (content.length() <= MAX_REDONE_CHARS
                && redone.put(findings, new Redone(content, List.copyOf(toRedact), style, r)) == null) {
            redoneChars += content.length();
        }
    }

    /** The value {@code placeholder} stands for, or null when unknown or expired. */
    public synchronized String original(String placeholder) {
        long now = clock.millis();
        purgeExpired(now);
        Entry e = byPlaceholder.get(placeholder);
        if (e == null) {
            return null;
        }
        byValue.get(e.key); // access order: restoring a placeholder keeps it alive
        e.lastUsedMillis = now;
        return e.value;
    }

    /** The live placeholder → value mapping, copied. */
    public synchronized Map<String, String> snapshot() {
        purgeExpired(clock.millis());
        Map<String, String> copy = new HashMap<>();
        for (Entry e : byPlaceholder.values()) {
            copy.put(e.placeholder, e.value);
        }
        return copy;
    }

    /** Length of the longest placeholder handed out so far. */
    public synchronized int longestPlaceholder() {
        return longest;
    }

    public synchronized int size() {
        purgeExpired(clock.millis());
        return byValue.size();
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Forgets every value; numbering continues, so no later value reuses an earlier placeholder. */
    public synchronized void clear() {
        byValue.clear();
        byPlaceholder.clear();
        redone.clear();
        redoneChars = 0;
    }

    private void purgeExpired(long now) {
        Iterator<Entry> it = byValue.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (now - e.lastUsedMillis < expiryMillis) {
                break;
            }
            it.remove();
            byPlaceholder.remove(e.placeholder);
        }
    }
}
