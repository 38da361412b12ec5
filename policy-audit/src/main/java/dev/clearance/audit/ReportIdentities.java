package dev.clearance.audit;

import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How every audit report (the {@code clearance audit} command, the Beam pipeline, the Flink job) hides who and
 * what: by default users become {@code user-…} and unknown hosts {@code host-…} pseudonyms, and products the
 * catalog does not know are hashed (see {@link AuditSummary#pseudonymized}), all under the audit key;
 * {@code --show-identities} (Beam: {@code --showIdentities}) opts out. One implementation, so the three reports
 * agree: the same log under the same key gives the same pseudonyms.
 */
public final class ReportIdentities {
    /** Fewest bytes an audit key may have. */
    public static final int MIN_KEY_BYTES = 16;

    private ReportIdentities() {}

    /** A random 32-byte key: pseudonyms then match only within one report. */
    public static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * The audit key in {@code file} (its bytes).
     *
     * @throws IllegalArgumentException when it holds fewer than {@value #MIN_KEY_BYTES} bytes
     * @throws UncheckedIOException when it cannot be read
     */
    public static byte[] readKey(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit key file " + file, e);
        }
        return requireKey(key, file.toString());
    }

    /** {@code key}, when it is long enough; {@code where} names it in the error. */
    public static byte[] requireKey(byte[] key, String where) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the audit key file " + where + " holds " + key.length
                    + " bytes; at least " + MIN_KEY_BYTES + " are needed");
        }
        return key;
    }

    /** The key for a report: the file's when given, else a random one. */
    public static byte[] key(Path fileOrNull) {
        return fileOrNull == null ? randomKey() : readKey(fileOrNull);
    }

    /**
     * {@code summary} fit to share: users, unknown hosts and products {@code catalog} does not hold pseudonymized
     * under {@code key} (catalog product ids are kept as they are).
     */
    public static AuditSummary pseudonymized(AuditSummary summary, byte[] key, ProviderCatalog catalog) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(catalog, "catalog");
        Set<String> known = new HashSet<>();
        for (Product p : catalog.products()) {
            known.add(p.id());
        }
        return summary.pseudonymized(key, known::contains);
    }

    /**
     * What a report shows: {@code summary} itself when {@code showIdentities}, else its pseudonymized copy under
     * {@code keyFile}'s key (a random key when null).
     */
    public static AuditSummary forReport(
            AuditSummary summary, boolean showIdentities, Path keyFile, ProviderCatalog catalog) {
        return showIdentities ? summary : pseudonymized(summary, key(keyFile), catalog);
    }
}
