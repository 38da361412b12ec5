package dev.clearance.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of content under the audit key, so equal content is recognisable but not recoverable. Internal. */
final class ContentHasher {
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    ContentHasher(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    String hash(String content) {
        return HexFormat.of().formatHex(macs.get().doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
