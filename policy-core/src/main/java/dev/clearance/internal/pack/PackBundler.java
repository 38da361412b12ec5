package dev.clearance.internal.pack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a pack as one signed file: a zip holding {@code pack.yaml}, every file the pack uses, the detached JWS
 * {@value PackJws#FILE} over them and {@value #MANIFEST}, and detached JWS signatures for a pack directory.
 * Internal.
 */
public final class PackBundler {
    /** The bundle's own manifest (format, pack id and version, when, digests); informational, not signed. */
    public static final String MANIFEST = "bundle.json";

    /** The format of bundles this version writes. */
    public static final String FORMAT = "clearance-bundle-v1";

    /** The pack format this version reads and writes. */
    public static final int PACK_FORMAT = 1;

    private PackBundler() {}

    /** What a bundle holds. */
    public record Written(String id, String version, Map<String, String> digests) {}

    /** The digests a signature covers: {@code pack.yaml} and every file the pack uses. */
    static Map<String, String> digests(Path pack, PackContents loaded) {
        Map<String, String> digests = new TreeMap<>(loaded.hashes());
        digests.put(PackSource.MANIFEST, PackSignatures.sha256(read(pack, PackSource.MANIFEST)));
        return digests;
    }

    /** Writes {@value PackJws#FILE} into the pack directory {@code dir}. */
    public static Written signDetached(Path dir, PrivateKey key, PublicKey publicKey, Instant now, Duration validity) {
        PackContents loaded = PackLoader.loadUnverified(dir);
        Map<String, String> digests = digests(dir, loaded);
        String jws = PackJws.sign(loaded.id(), loaded.version(), digests, key, publicKey, now, validity);
        requireVerifies(jws, loaded, digests, publicKey, now);
        try {
            Files.writeString(dir.resolve(PackJws.FILE), jws);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + PackJws.FILE, e);
        }
        return new Written(loaded.id(), loaded.version(), digests);
    }

    /** Writes the bundle of the pack directory {@code dir} to {@code out} (atomically, through a temporary file). */
    public static Written bundle(
            Path dir, PrivateKey key, PublicKey publicKey, Instant now, Duration validity, Path out) {
        PackContents loaded = PackLoader.loadUnverified(dir);
        Map<String, String> digests = digests(dir, loaded);
        String jws = PackJws.sign(loaded.id(), loaded.version(), digests, key, publicKey, now, validity);
        requireVerifies(jws, loaded, digests, publicKey, now);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("packFormat", PACK_FORMAT);
        manifest.put("id", loaded.id());
        manifest.put("version", loaded.version());
        manifest.put("created", now.toString());
        manifest.put("kid", PackJws.thumbprint(publicKey));
        ObjectNode files = manifest.putObject("files");
        digests.forEach((p, d) -> files.put(p, "sha256:" + d));
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".bundle", ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(os)) {
                for (String path : digests.keySet()) {
                    entry(zip, path, read(dir, path));
                }
                entry(zip, PackJws.FILE, jws.getBytes(StandardCharsets.UTF_8));
                entry(zip, MANIFEST, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bundle " + out, e);
        }
        return new Written(loaded.id(), loaded.version(), digests);
    }

    private static void requireVerifies(
            String jws, PackContents loaded, Map<String, String> digests, PublicKey publicKey, Instant now) {
        if (!PackJws.check(
                        jws.getBytes(StandardCharsets.UTF_8),
                        loaded.id(),
                        loaded.version(),
                        digests,
                        java.util.List.of(publicKey),
                        now)
                .isEmpty()) {
            throw new IllegalArgumentException("the public key is not the private key's pair: nothing written");
        }
    }

    private static void entry(ZipOutputStream zip, String path, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(path);
        e.setTime(0); // reproducible: the same pack gives the same entries
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] read(Path dir, String path) {
        try (PackSource source = PackSource.of(dir)) {
            byte[] b = source.read(path);
            if (b == null) {
                throw new UncheckedIOException(new IOException("missing pack file " + path));
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
