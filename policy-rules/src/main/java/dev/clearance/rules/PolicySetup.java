package dev.clearance.rules;

import dev.clearance.PolicyEngine;
import dev.clearance.catalog.ProviderCatalog;
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
 *       catalog file; a later layer overrides a product of the same id.
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

    private PolicySetup(RulePack pack, boolean builtIn, ProviderCatalog organization) {
        this.pack = pack;
        this.builtIn = builtIn;
        this.organization = organization;
    }

    /** The built-in default pack with the built-in catalog. */
    public static PolicySetup builtIn() {
        return new PolicySetup(DefaultRulePack.v1(), true, null);
    }

    /** Reads the pack at {@code directoryOrArchive} under {@code trust} (see {@link RulePack#load(Path, PackTrust)}). */
    public static PolicySetup load(Path directoryOrArchive, PackTrust trust) {
        return of(RulePack.load(directoryOrArchive, trust));
    }

    /** A pack already loaded (for example by a hot reload), layered over the built-in catalog. */
    public static PolicySetup of(RulePack pack) {
        Objects.requireNonNull(pack, "pack");
        return new PolicySetup(pack, pack == DefaultRulePack.v1(), null);
    }

    /** The same setup with an organization's catalog merged over the built-in and the pack's. */
    public PolicySetup organizationCatalog(ProviderCatalog catalog) {
        return new PolicySetup(pack, builtIn, Objects.requireNonNull(catalog, "catalog"));
    }

    /** The same setup with the organization's {@code catalog.yaml} at {@code file}. */
    public PolicySetup organizationCatalog(Path file) {
        return organizationCatalog(ProviderCatalog.load(Objects.requireNonNull(file, "file")));
    }

    /** The same layers (organization catalog included) over another pack; for reloads. */
    public PolicySetup withPack(RulePack other) {
        Objects.requireNonNull(other, "other");
        return new PolicySetup(other, other == DefaultRulePack.v1(), organization);
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
