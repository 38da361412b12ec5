package dev.clearance;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a redacted finding is replaced.
 *
 * <ul>
 *   <li>{@link #placeholders()} (default): {@code [EMAIL_ADDRESS_1]}, numbered per type; the same value gets the
 *       same placeholder within one request, and {@link Decision#restore(String)} puts the values back.</li>
 *   <li>{@link #mask(char)}: every character replaced, length kept ({@code ****************}); not reversible.</li>
 *   <li>{@link #keyedHash(byte[])}: {@code [EMAIL_ADDRESS:5f2c9a1b04d7]}, the first 12 hex digits of
 *       HMAC-SHA256 of the value under the organization's key: the same value gives the same token across
 *       requests (joins stay possible) without revealing it; not reversible.</li>
 * </ul>
 */
public final class RedactionStyle {
    private enum Kind {
        PLACEHOLDER,
        MASK,
        KEYED_HASH
    }

    private static final RedactionStyle PLACEHOLDERS = new RedactionStyle(Kind.PLACEHOLDER, '*', null);

    private final Kind kind;
    private final char maskChar;
    private final byte[] key;

    private RedactionStyle(Kind kind, char maskChar, byte[] key) {
        this.kind = kind;
        this.maskChar = maskChar;
        this.key = key;
    }

    public static RedactionStyle placeholders() {
        return PLACEHOLDERS;
    }

    public static RedactionStyle mask(char maskChar) {
        if (Character.isSurrogate(maskChar)) {
            throw new IllegalArgumentException("mask character must not be a surrogate");
        }
        return new RedactionStyle(Kind.MASK, maskChar, null);
    }

    /** @param key HMAC key, at least 16 bytes; copied */
    public static RedactionStyle keyedHash(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("keyed-hash redaction needs a key of at least 16 bytes");
        }
        return new RedactionStyle(Kind.KEYED_HASH, '*', key.clone());
    }

    /** Whether placeholders can be mapped back to the values ({@link Decision#restore(String)}). */
    public boolean reversible() {
        return kind == Kind.PLACEHOLDER;
    }

    /**
     * The replacement for {@code value} of {@code type}; {@code ordinal} is the 1-based number of distinct values
     * of that type seen so far in the request.
     */
    public String replacement(String type, String value, int ordinal) {
        return switch (kind) {
            case PLACEHOLDER -> "[" + type + "_" + ordinal + "]";
            case MASK -> {
                char[] masked = new char[value.codePointCount(0, value.length())];
                Arrays.fill(masked, maskChar);
                yield new String(masked);
            }
            case KEYED_HASH -> "[" + type + ":" + HexFormat.of().formatHex(hmac(value), 0, 6) + "]";
        };
    }

    private byte[] hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "RedactionStyle[" + kind + "]";
    }
}
