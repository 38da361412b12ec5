package dev.clearance.rules;

import dev.clearance.PolicyEngine;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.catalog.UntrustedCatalogException;
import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one place where a rule pack, its trust and the catalogs come together into an engine. Every Clearance
 * entry point (CLI, server, log audit, Beam and Flink) builds its engines here, so that which pack is trusted and
 * which catalog wins is decided once:
 *
 * <ul>
 *   <li>the pack is read with {@link RulePack#load(Path, PackTrust)} (directory, jar or zip) or is the built-in
 *       {@link DefaultRulePack#v1()};
 *   <li>the catalog is layered <b>built-in ← pack ← organization</b>: the built-in catalog
 *       ({@link DefaultRulePack#catalog()}), then the pack's own {@code catalog.yaml}, then an organization's
 *       catalog file; a later layer overrides a product of the same id. Over a pack whose signature was verified
 *       ({@link RulePack#signatureVerified()}) the organization catalog must be a file signed by a trusted key
 *       ({@code FILE.sig}, see {@link ProviderCatalog#load(Path, PackTrust)}): its provider facts are part of what
 *       the pack's signer vouched for, so an unsigned file cannot change them ({@link UntrustedCatalogException}).
 * </ul>
 *
 * <pre>{@code
 * PolicyEngine engine = PolicySetup.load(Path.of("packs/acme"), PackTrust.fromPem(Path.of("acme.pub.pem")))
 *         .organizationCatalog(Path.of("catalog.yaml"))
 *         .engineBuilder()
 *         .build();
 * }</pre>
 *
 * Immutable; each {@code with}-style method returns a new setup.
 */
public final class PolicySetup {
    private final RulePack pack;
    private final boolean builtIn;
    private final ProviderCatalog organization;
    private final boolean organizationSigned;
    private final PackTrust trust;

    private PolicySetup(
            RulePack pack, boolean builtIn, ProviderCatalog organization, boolean organizationSigned, PackTrust trust) {
        this.pack = pack;
        this.builtIn = builtIn;
        this.organization = organization;
        this.organizationSigned = organizationSigned;
        this.trust = trust;
        if (organization != null && pack.signatureVerified() && !organizationSigned) {
            throw new UntrustedCatalogException("rule pack '" + pack.id() + "' is signed by a trusted key: its"
                    + " catalog can only be overridden by a catalog file signed by a trusted key too"
                    + " (clearance sign --catalog FILE --key K writes FILE.sig)");
        }
    }

    /** The built-in default pack with the built-in catalog. */
    public static PolicySetup builtIn() {
        return new PolicySetup(DefaultRulePack.v1(), true, null, false, PackTrust.none());
    }

    /** Reads the pack at {@code directoryOrArchive} under {@code trust} (see {@link RulePack#load(Path, PackTrust)}). */
    public static PolicySetup load(Path directoryOrArchive, PackTrust trust) {
        RulePack pack = RulePack.load(directoryOrArchive, trust);
        return new PolicySetup(pack, pack == DefaultRulePack.v1(), null, false, trust);
    }

    /**
     * A pack already loaded (for example by a hot reload), layered over the built-in catalog. No key is known: over
     * a signed pack, {@link #organizationCatalog(Path)} is refused (use {@link #load(Path, PackTrust)}).
     */
    public static PolicySetup of(RulePack pack) {
        Objects.requireNonNull(pack, "pack");
        return new PolicySetup(pack, pack == DefaultRulePack.v1(), null, false, PackTrust.none());
    }

    /**
     * The same setup with an organization's catalog merged over the built-in and the pack's.
     *
     * @throws UntrustedCatalogException when the pack's signature was verified: only a signed file may override
     *         its catalog ({@link #organizationCatalog(Path)})
     */
    public PolicySetup organizationCatalog(ProviderCatalog catalog) {
        return new PolicySetup(pack, builtIn, Objects.requireNonNull(catalog, "catalog"), false, trust);
    }

    /**
     * The same setup with the organization's {@code catalog.yaml} at {@code file}. Over a pack whose signature was
     * verified, the file must carry a signature ({@code FILE.sig}) by one of the keys the pack was loaded with.
     *
     * @throws UntrustedCatalogException when the pack is signed and the file is not (or was changed, or signed by
     *         another key)
     */
    public PolicySetup organizationCatalog(Path file) {
        Objects.requireNonNull(file, "file");
        if (!pack.signatureVerified()) {
            return organizationCatalog(ProviderCatalog.load(file));
        }
        if (!trust.requiresSignature()) {
            throw new UntrustedCatalogException("rule pack '" + pack.id() + "' is signed, and no trusted key is"
                    + " known to verify catalog " + file + " (use PolicySetup.load(pack, trust))");
        }
        return new PolicySetup(pack, builtIn, ProviderCatalog.load(file, trust), true, trust);
    }

    /**
     * The same layers (organization catalog included) over another pack; for reloads.
     *
     * @throws UntrustedCatalogException when {@code other} is signed and the organization catalog was not
     */
    public PolicySetup withPack(RulePack other) {
        Objects.requireNonNull(other, "other");
        return new PolicySetup(other, other == DefaultRulePack.v1(), organization, organizationSigned, trust);
    }

    public RulePack rulePack() {
        return pack;
    }

    /** Whether the pack is the built-in one. */
    public boolean isBuiltIn() {
        return builtIn;
    }

    /** The effective catalog: built-in ← pack ← organization. */
    public ProviderCatalog catalog() {
        ProviderCatalog merged = DefaultRulePack.catalog();
        if (!builtIn) {
            merged = merged.mergedWith(pack.catalog());
        }
        if (organization != null) {
            merged = merged.mergedWith(organization);
        }
        return merged;
    }

    /** An engine builder with this pack and catalog; limits, decision log and the rest are the caller's. */
    public PolicyEngine.Builder engineBuilder() {
        return PolicyEngine.builder().rulePack(pack).catalog(catalog());
    }

    @Override
    public String toString() {
        return "PolicySetup[" + pack + (organization != null ? ", organization catalog" : "") + "]";
    }
}
