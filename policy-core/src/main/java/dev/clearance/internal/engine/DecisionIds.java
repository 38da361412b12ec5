package dev.clearance.internal.engine;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decision ids in UUID form, unique without a random number per decision: a random version-4 UUID per process
 * whose last 48 bits are a counter starting at a random value. Writing 12 hex digits into a template is several
 * times cheaper than formatting a fresh random UUID, and ids stay unguessable across processes. Internal.
 */
final class DecisionIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] TEMPLATE;
    private static final AtomicLong COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        TEMPLATE = new UUID(msb, lsb).toString().toCharArray();
        COUNTER = new AtomicLong(random.nextLong() & 0xFFFFFFFFFFFFL);
    }

    private DecisionIds() {}

    static String next() {
        long n = COUNTER.getAndIncrement();
        char[] id = TEMPLATE.clone();
        for (int i = 35; i >= 24; i--) {
            id[i] = HEX[(int) (n & 0xF)];
            n >>>= 4;
        }
        return new String(id);
    }
}
