package dev.clearance.internal.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Views#unprintable} is a necessary condition for {@link Views#decode} to give nothing: whenever it says a
 * run cannot decode to text, decode gives null; and it lets through the runs that do decode to text.
 */
class DecodePrefilterTest {
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";

    @Test
    void aRunItRejectsNeverDecodes() {
        Random random = new Random(64);
        int rejected = 0;
        for (int round = 0; round < 50000; round++) {
            String run = switch (round % 4) {
                case 0 -> randomBase64(random, 16 + random.nextInt(80));
                case 1 -> encoded(randomText(random, 8 + random.nextInt(60)), random);
                case 2 -> encoded(mostlyText(random, 8 + random.nextInt(60)), random);
                default -> wrapped(encoded(randomText(random, 40 + random.nextInt(60)), random), random);
            };
            if (Views.unprintable(run.toCharArray(), 0, run.length())) {
                rejected++;
                assertThat(Views.decode(run.replaceAll("[\\n\\r \\t]", "")))
                        .as("round %d", round)
                        .isNull();
            }
        }
        assertThat(rejected).isGreaterThan(10000);
    }

    @Test
    void runsOfEncodedTextAndCompressedStreamsGoOnToDecode() throws Exception {
        String text = "user=admin password=correct-horse-battery";
        String plain = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        assertThat(Views.unprintable(plain.toCharArray(), 0, plain.length())).isFalse();
        assertThat(Views.decode(plain)).isEqualTo(text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String gz = Base64.getEncoder().encodeToString(bytes.toByteArray());
        assertThat(Views.unprintable(gz.toCharArray(), 0, gz.length())).isFalse();
        String identifier = "ReportWorkerClientFactory";
        assertThat(Views.unprintable(identifier.toCharArray(), 0, identifier.length()))
                .isTrue();
    }

    private static String randomBase64(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(BASE64.charAt(random.nextInt(BASE64.length())));
        }
        return b.toString();
    }

    /** Text of printable ASCII, control chars and chars of every UTF-8 length. */
    private static String randomText(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            switch (random.nextInt(5)) {
                case 0 -> b.append((char) (random.nextInt(0x20)));
                case 1 -> b.append((char) (0xA0 + random.nextInt(0x700)));
                case 2 -> b.append((char) (0x800 + random.nextInt(0x7000)));
                case 3 -> b.appendCodePoint(0x10000 + random.nextInt(0x1000));
                default -> b.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return b.toString();
    }

    /** Printable ASCII with a few other chars, near the decode threshold. */
    private static String mostlyText(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(
                    random.nextInt(20) == 0 ? (char) (0xE9 + random.nextInt(3)) : (char) (0x20 + random.nextInt(0x5F)));
        }
        return b.toString();
    }

    private static String encoded(String text, Random random) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String s = random.nextBoolean()
                ? Base64.getEncoder().encodeToString(bytes)
                : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return s;
    }

    private static String wrapped(String run, Random random) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < run.length(); k += 16) {
            b.append(run, k, Math.min(run.length(), k + 16));
            if (k + 16 < run.length()) {
                b.append(random.nextBoolean() ? "\n  " : "\r\n");
            }
        }
        return b.toString();
    }
}
