package dev.clearance.internal.normalize;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Gzip and zlib streams (a base64 run that decodes to one), inflated to a bounded size: no decompression bomb. */
final class Inflate {
    private Inflate() {}

    /** Whether {@code bytes} start like a gzip member or a zlib stream. */
    static boolean isCompressed(byte[] bytes) {
        if (bytes.length < 4) {
            return false;
        }
        int b0 = bytes[0] & 0xff;
        int b1 = bytes[1] & 0xff;
        return b0 == 0x1f && b1 == 0x8b || b0 == 0x78 && (b0 * 256 + b1) % 31 == 0;
    }

    /** At most {@code limit} inflated bytes (a longer stream is cut there), or null when the stream is broken. */
    static byte[] inflate(byte[] bytes, int limit) {
        if (limit <= 0) {
            return null;
        }
        ByteArrayInputStream raw = new ByteArrayInputStream(bytes);
        try (InputStream in = (bytes[0] & 0xff) == 0x1f ? new GZIPInputStream(raw) : new InflaterInputStream(raw)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, bytes.length * 4));
            byte[] buffer = new byte[4096];
            int total = 0;
            while (total < limit) {
                int read = in.read(buffer, 0, Math.min(buffer.length, limit - total));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                total += read;
            }
            byte[] inflated = out.toByteArray();
            // a cut stream may end inside a UTF-8 sequence: drop the partial sequence
            int end = inflated.length;
            if (total >= limit) {
                int k = end - 1;
                while (k >= 0 && end - k <= 3 && (inflated[k] & 0xc0) == 0x80) {
                    k--;
                }
                if (k >= 0 && (inflated[k] & 0x80) != 0) {
                    end = k;
                }
            }
            return end == inflated.length ? inflated : java.util.Arrays.copyOf(inflated, end);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
