package dev.clearance.internal.engine;

import dev.clearance.Finding;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Findings of texts scanned before, so that a conversation's history is not re-scanned on every turn. Internal.
 *
 * <p>Entries are found by a cheap hash of the text's length and a few runs of chars at positions chosen per process, and
 * confirmed by comparing the whole text: a hit is always the same text, whatever an attacker sends (colliding
 * texts only cost a comparison). The texts are held in memory only, never written anywhere. Bounded in entries
 * and in chars: two generations, the older dropped when the newer is full, so texts seen recently stay.
 */
final class FindingsCache {
    private static final int RUNS = 4;
    private static final int RUN = 4;
    private static final int SEED = new SecureRandom().nextInt();

    private final int maxEntries;
    private final long maxChars;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile Generation current = new Generation();
    private volatile Generation previous = new Generation();

    /** Text as a key: a sampled hash, confirmed by equality of the whole text. */
    private static final class Text {
        final String text;
        final int hash;

        Text(String text) {
            this.text = text;
            this.hash = sampledHash(text);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Text t && t.hash == hash && t.text.equals(text);
        }
    }

    private static final class Generation {
        final ConcurrentHashMap<Text, List<Finding>> entries = new ConcurrentHashMap<>();
        final AtomicLong chars = new AtomicLong();
    }

    FindingsCache(int maxEntries, long maxChars) {
        if (maxEntries < 1 || maxChars < 1) {
            throw new IllegalArgumentException("a findings cache needs at least one entry and one char");
        }
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /** The findings of {@code text} from the cache, or from {@code scan} (and then remembered). */
    List<Finding> findings(String text, java.util.function.Function<String, List<Finding>> scan) {
        if (text.length() > maxChars / 4) {
            misses.increment();
            return scan.apply(text);
        }
        Text key = new Text(text);
        Generation now = current;
        List<Finding> found = now.entries.get(key);
        if (found == null) {
            Generation before = previous;
            found = before.entries.get(key);
            if (found != null) {
                remember(key, found);
            }
        }
        if (found != null) {
            hits.increment();
            return found;
        }
        misses.increment();
        found = List.copyOf(scan.apply(text));
        remember(key, found);
        return found;
    }

    private void remember(Text key, List<Finding> found) {
        Generation now = current;
        if (now.entries.size() >= maxEntries / 2 || now.chars.get() + key.text.length() > maxChars / 2) {
            synchronized (this) {
                if (current == now) {
                    previous = now;
                    current = new Generation();
                }
                now = current;
            }
        }
        if (now.entries.putIfAbsent(key, found) == null) {
            now.chars.addAndGet(key.text.length());
        }
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    /**
     * The length, the last char and {@value #RUNS} runs of {@value #RUN} adjacent chars at positions that depend on a
     * per-process seed: adjacent, so that hashing a text held since an earlier turn reads a few cache lines of it,
     * not one per sampled char.
     */
    static int sampledHash(String text) {
        int n = text.length();
        int h = n * 0x9E3779B1 ^ SEED;
        if (n == 0) {
            return h;
        }
        int step = Math.max(1, n / RUNS);
        int at = Math.floorMod(SEED, step);
        for (int r = 0; r < RUNS && at < n; r++, at += step) {
            for (int i = at, end = Math.min(n, at + RUN); i < end; i++) {
                h = (h ^ text.charAt(i)) * 0x01000193;
            }
        }
        return h ^ text.charAt(n - 1);
    }
}
