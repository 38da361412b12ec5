package dev.clearance.pack;

import dev.clearance.internal.pack.PackBundler;
import dev.clearance.internal.pack.PackJws;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Packs in a standard signed form, for distribution. A signature is a detached JWS (RFC 7515, JSON serialization,
 * detached payload; {@code EdDSA} with Ed25519, RFC 8037) in {@value #SIGNATURES_FILE} next to {@code pack.yaml}:
 * its protected header holds {@code kid} (RFC 7638 thumbprint of the public key), {@code iat} and {@code exp}; the
 * detached payload is the JSON manifest {@code {"files":{"<path>":"sha256:<hex>"},"id":…,"version":…}} (keys
 * sorted, no whitespace) over {@code pack.yaml} and every file the pack uses. {@link RulePack#load(Path, PackTrust)}
 * verifies it for directories and archives alike.
 *
 * <p>A bundle is one zip file: the pack's files, {@value #SIGNATURES_FILE} and {@value #MANIFEST_FILE} (format,
 * id, version, creation time, digests). Load it with {@code RulePack.load(bundle, trust)}; serve it to a fleet
 * with {@link PackPoller}.
 */
public final class PackBundle {
    /** The detached JWS signatures file. */
    public static final String SIGNATURES_FILE = PackJws.FILE;

    /** The bundle's manifest. */
    public static final String MANIFEST_FILE = PackBundler.MANIFEST;

    /** The bundle format written. */
    public static final String FORMAT = PackBundler.FORMAT;

    /** The pack format ({@code pack.yaml} and its files) this version reads and writes. */
    public static final int PACK_FORMAT = PackBundler.PACK_FORMAT;

    /** How long a signature is valid unless told otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    private PackBundle() {}

    /**
     * What was signed.
     *
     * @param id      the pack id
     * @param version the pack version
     * @param digests path to hex SHA-256 of every file covered, {@code pack.yaml} included
     */
    public record Signed(String id, String version, Map<String, String> digests) {
        public Signed {
            digests = Map.copyOf(digests);
        }
    }

    /**
     * Writes the bundle of {@code packDirectory} to {@code out}, signed by {@code key} ({@code publicKey} is its
     * pair, for the key id; the signature is verified with it before anything is written).
     *
     * @throws dev.clearance.RulePackCompilationException when the pack does not load
     * @throws IllegalArgumentException when the keys are not a pair
     */
    public static Signed write(Path packDirectory, PrivateKey key, PublicKey publicKey, Duration validity, Path out) {
        Objects.requireNonNull(out, "out");
        PackBundler.Written w = PackBundler.bundle(
                Objects.requireNonNull(packDirectory, "packDirectory"),
                Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(publicKey, "publicKey"),
                Instant.now(),
                positive(validity),
                out);
        return new Signed(w.id(), w.version(), w.digests());
    }

    /** Writes {@value #SIGNATURES_FILE} into {@code packDirectory}; see {@link #write}. */
    public static Signed signDetached(Path packDirectory, PrivateKey key, PublicKey publicKey, Duration validity) {
        PackBundler.Written w = PackBundler.signDetached(
                Objects.requireNonNull(packDirectory, "packDirectory"),
                Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(publicKey, "publicKey"),
                Instant.now(),
                positive(validity));
        return new Signed(w.id(), w.version(), w.digests());
    }

    /** The key id signatures by {@code key} carry: its RFC 7638 JWK thumbprint. */
    public static String keyId(PublicKey key) {
        return PackJws.thumbprint(Objects.requireNonNull(key, "key"));
    }

    private static Duration positive(Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        return validity;
    }
}
