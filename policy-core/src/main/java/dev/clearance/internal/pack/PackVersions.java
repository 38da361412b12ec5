package dev.clearance.internal.pack;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How pack versions order, for monotonic reloads under a trusted key. A version is a dotted number ({@code 1},
 * {@code 2.3}, {@code 2026.12.1}); parts compare numerically from the left and missing parts count as 0, so
 * {@code 1} = {@code 1.0} &lt; {@code 1.2} &lt; {@code 1.10} &lt; {@code 2}. Any other text (a suffix such as
 * {@code -rc1}, a name) has no order: it equals only the same text. Internal.
 */
public final class PackVersions {
    private static final Pattern DOTTED = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18}){0,15}");

    private PackVersions() {}

    /**
     * Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}; empty when they
     * cannot be ordered (either is not a dotted number, and the texts differ).
     */
    public static Optional<Integer> compare(String a, String b) {
        if (a.equals(b)) {
            return Optional.of(0);
        }
        if (!DOTTED.matcher(a).matches() || !DOTTED.matcher(b).matches()) {
            return Optional.empty();
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            BigInteger p = i < x.length ? new BigInteger(x[i]) : BigInteger.ZERO;
            BigInteger q = i < y.length ? new BigInteger(y[i]) : BigInteger.ZERO;
            int c = p.compareTo(q);
            if (c != 0) {
                return Optional.of(c);
            }
        }
        return Optional.of(0);
    }
}
