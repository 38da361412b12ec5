package dev.clearance.internal.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Detached Ed25519 signatures of catalog files: {@code FILE.sig} next to {@code FILE}, one line
 * {@code signature: BASE64} over {@code clearance-catalog-signature-v1}, and the SHA-256 of the file's bytes — the
 * same keys and algorithm as pack signatures. Internal.
 */
public final class CatalogSignatures {
    /** Longest signature file read; an Ed25519 signature line is under 100 bytes. */
    private static final long MAX_SIGNATURE_BYTES = 4096;

    private CatalogSignatures() {}

    /** Where the signature of {@code catalog} is: {@code catalog.yaml} → {@code catalog.yaml.sig}. */
    public static Path signatureFile(Path catalog) {
        Path name = catalog.getFileName();
        return catalog.resolveSibling((name == null ? "" : name.toString()) + ".sig");
    }

    private static byte[] payload(byte[] catalog) {
        return ("clearance-catalog-signature-v1\nsha256 " + PackSignatures.sha256(catalog) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code FILE.sig} for the catalog at {@code catalog}; returns the signature file. */
    public static Path sign(Path catalog, PrivateKey key) {
        try {
            byte[] bytes = Files.readAllBytes(catalog);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(payload(bytes));
            Path sig = signatureFile(catalog);
            Files.writeString(sig, "signature: " + Base64.getEncoder().encodeToString(s.sign()) + "\n");
            return sig;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign catalog " + catalog, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot sign with this key: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Why {@code bytes} (the catalog read from {@code catalog}) are not signed by one of {@code keys}; empty when
     * they are. Checks the bytes given, not the file again, so what is verified is what is parsed.
     */
    public static Optional<String> problem(Path catalog, byte[] bytes, List<PublicKey> keys) {
        Path sigFile = signatureFile(catalog);
        String text;
        try {
            if (Files.size(sigFile) > MAX_SIGNATURE_BYTES) {
                return Optional.of("its signature file " + sigFile + " is not a signature");
            }
            text = Files.readString(sigFile, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.of("it has no signature file " + sigFile);
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("its signature file " + sigFile + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        String line = text.strip();
        if (!line.startsWith("signature:")) {
            return Optional.of("its signature file " + sigFile + " is not a signature");
        }
        if (!PackSignatures.verify(payload(bytes), line.substring("signature:".length()), keys)) {
            return Optional.of("invalid signature: the catalog was changed or signed by an untrusted key");
        }
        return Optional.empty();
    }
}
