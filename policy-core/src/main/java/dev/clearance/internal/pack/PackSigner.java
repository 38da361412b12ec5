package dev.clearance.internal.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.TreeMap;

/** Writes checksums and an Ed25519 signature into a pack directory's manifest. Internal. */
public final class PackSigner {
    private PackSigner() {}

    /** Rewrites {@code pack.yaml} with fresh checksums and a signature. */
    public static void sign(Path dir, PrivateKey key) {
        Path manifestFile = dir.resolve(PackSource.MANIFEST);
        PackContents loaded = PackLoader.loadForSigning(dir);
        try {
            String manifest = Files.readString(manifestFile);
            StringBuilder kept = new StringBuilder();
            boolean inChecksums = false;
            for (String line : manifest.split("\n", -1)) {
                if (line.startsWith("checksums:")) {
                    inChecksums = true;
                    continue;
                }
                if (inChecksums && (line.startsWith(" ") || line.startsWith("\t") || line.isEmpty())) {
                    continue;
                }
                inChecksums = false;
                if (!line.startsWith("signature:")) {
                    kept.append(line).append('\n');
                }
            }
            String body = kept.toString().replaceAll("\n+$", "\n");
            StringBuilder checksums = new StringBuilder("checksums:\n");
            new TreeMap<>(loaded.hashes())
                    .forEach((path, sum) -> checksums
                            .append("  \"")
                            .append(path)
                            .append("\": ")
                            .append(sum)
                            .append('\n'));
            String unsigned = body + checksums;
            byte[] payload = PackSignatures.payload(
                    loaded.id(),
                    loaded.version(),
                    PackSignatures.sha256(
                            PackSignatures.manifestWithoutSignature(unsigned).getBytes(StandardCharsets.UTF_8)),
                    loaded.hashes());
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(payload);
            String signed = unsigned + "signature: " + Base64.getEncoder().encodeToString(s.sign()) + "\n";
            Files.writeString(manifestFile, signed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot sign with this key: " + e.getClass().getSimpleName());
        }
    }
}
