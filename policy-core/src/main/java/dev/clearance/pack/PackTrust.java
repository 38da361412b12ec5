package dev.clearance.pack;

import dev.clearance.internal.pack.PackSignatures;
import dev.clearance.internal.pack.PackSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * The Ed25519 public keys whose signatures make a rule pack trusted. A pack loaded with a non-empty trust must
 * carry {@code checksums} for every file it loads and a {@code signature} by one of the keys over them; an
 * unsigned, tampered or foreign-signed pack is refused with a {@link dev.clearance.RulePackCompilationException}.
 *
 * <p>Sign with {@code clearance sign PACK --key private.pem} (or {@link #sign(Path, PrivateKey)}), verify with
 * {@code clearance verify PACK --trusted-key public.pem}.
 */
public final class PackTrust {
    private static final PackTrust NONE = new PackTrust(List.of(), false);

    private final List<PublicKey> keys;
    private final boolean unrestrictedCode;

    private PackTrust(List<PublicKey> keys, boolean unrestrictedCode) {
        this.keys = List.copyOf(keys);
        this.unrestrictedCode = unrestrictedCode;
    }

    /** No keys: signatures are not required (checksums, when present, are still verified). */
    public static PackTrust none() {
        return NONE;
    }

    /** Trust these Ed25519 public keys. */
    public static PackTrust of(PublicKey... keys) {
        for (PublicKey k : keys) {
            Objects.requireNonNull(k, "key");
            if (!"Ed25519".equals(k.getAlgorithm()) && !"EdDSA".equals(k.getAlgorithm())) {
                throw new IllegalArgumentException("pack keys must be Ed25519, not " + k.getAlgorithm());
            }
        }
        return new PackTrust(List.of(keys), false);
    }

    /** Trust the public keys in these PEM files ({@code -----BEGIN PUBLIC KEY-----}, X.509). */
    public static PackTrust fromPem(Path... files) {
        PublicKey[] keys = new PublicKey[files.length];
        for (int i = 0; i < files.length; i++) {
            keys[i] = PackSignatures.readPublicKey(read(files[i]), files[i].toString());
        }
        return of(keys);
    }

    /** A new Ed25519 key pair (JDK built-in). */
    public static KeyPair generateKeyPair() {
        return PackSignatures.generate();
    }

    /** PEM text of a public key ({@code -----BEGIN PUBLIC KEY-----}). */
    public static String toPem(PublicKey key) {
        return PackSignatures.pem("PUBLIC KEY", key.getEncoded());
    }

    /** PEM text of a private key ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8). Keep it secret. */
    public static String toPem(PrivateKey key) {
        return PackSignatures.pem("PRIVATE KEY", key.getEncoded());
    }

    /** Reads a PKCS#8 PEM private key. */
    public static PrivateKey readPrivateKey(Path pem) {
        return PackSignatures.readPrivateKey(read(pem), pem.toString());
    }

    /**
     * Signs a pack directory in place: writes the SHA-256 of every file the pack loads into {@code pack.yaml}'s
     * {@code checksums} and an Ed25519 {@code signature} over them, the pack id and version.
     *
     * @throws dev.clearance.RulePackCompilationException when the pack does not load
     */
    public static void sign(Path packDirectory, PrivateKey key) {
        PackSigner.sign(packDirectory, key);
    }

    /**
     * Signs a catalog file: writes {@code FILE.sig} (an Ed25519 signature over the file's SHA-256) next to it, so
     * that {@link dev.clearance.catalog.ProviderCatalog#load(Path, PackTrust)} accepts it under this key's trust —
     * the one way to override the catalog of a signed pack ({@code clearance sign --catalog FILE}).
     *
     * @return the signature file written
     */
    public static Path signCatalog(Path catalogFile, PrivateKey key) {
        java.util.Objects.requireNonNull(catalogFile, "catalogFile");
        java.util.Objects.requireNonNull(key, "key");
        return dev.clearance.internal.pack.CatalogSignatures.sign(catalogFile, key);
    }

    /**
     * The same keys, and rule code that may use all of Java: no {@code docs/pack-sandbox.md} allowlist. The one
     * opt-in to a pack with the JVM's privileges — it can run processes, read and write files and stop the JVM —
     * so it needs keys: only a pack whose signature verified against one of them gets it.
     *
     * @throws IllegalStateException when no key is trusted
     */
    public PackTrust allowUnrestrictedCode() {
        if (keys.isEmpty()) {
            throw new IllegalStateException(
                    "unrestricted rule code needs a trusted key: only a pack signed by it may use all of Java");
        }
        return new PackTrust(keys, true);
    }

    /** Whether a pack signed by one of the keys may use all of Java (see {@link #allowUnrestrictedCode()}). */
    public boolean allowsUnrestrictedCode() {
        return unrestrictedCode;
    }

    /** Whether any key is trusted, i.e. whether signatures are required. */
    public boolean requiresSignature() {
        return !keys.isEmpty();
    }

    /** The trusted keys. */
    public List<PublicKey> keys() {
        return keys;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key " + file, e);
        }
    }

    @Override
    public String toString() {
        return "PackTrust[" + keys.size() + " keys" + (unrestrictedCode ? ", unrestricted code" : "") + "]";
    }
}
