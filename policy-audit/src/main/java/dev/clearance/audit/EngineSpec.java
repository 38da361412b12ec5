package dev.clearance.audit;

import dev.clearance.EvaluationLimits;
import dev.clearance.PolicyEngine;
import dev.clearance.catalog.HostResolver;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.PackTrust;
import dev.clearance.rules.PolicySetup;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A serializable description of the engine a cluster worker builds once (Beam's {@code @Setup}, Flink's
 * {@code open()}), instead of shipping a compiled engine: the rule pack directory (or the built-in default pack), an organization catalog, limits and how
 * hosts resolve. Paths must be readable on every worker (a shared file system or a path baked into the image).
 *
 * @param packDir            rule pack directory; null for the built-in default pack
 * @param catalogFile        organization catalog.yaml merged over the built-in one; nullable
 * @param maxContentChars    the engine's content limit
 * @param decideUnknownHosts decide requests to uncatalogued hosts as UNKNOWN instead of skipping them
 * @param hostMappings       host pattern → product id, over the catalog
 * @param trustedKeyFiles    PEM public keys the pack must be signed by (and, over a signed pack, the organization
 *                           catalog too); empty trusts any pack, as the CLI does without {@code --trusted-key}
 */
public record EngineSpec(
        String packDir,
        String catalogFile,
        int maxContentChars,
        boolean decideUnknownHosts,
        Map<String, String> hostMappings,
        List<String> trustedKeyFiles)
        implements Serializable {

    public EngineSpec {
        hostMappings = hostMappings == null ? Map.of() : Map.copyOf(hostMappings);
        trustedKeyFiles = trustedKeyFiles == null ? List.of() : List.copyOf(trustedKeyFiles);
    }

    /** The built-in default pack and catalog, default limits. */
    public static EngineSpec defaults() {
        return new EngineSpec(null, null, EvaluationLimits.DEFAULT_MAX_CONTENT_CHARS, false, Map.of(), List.of());
    }

    public EngineSpec withPack(String dir) {
        return new EngineSpec(
                Objects.requireNonNull(dir, "dir"),
                catalogFile,
                maxContentChars,
                decideUnknownHosts,
                hostMappings,
                trustedKeyFiles);
    }

    public EngineSpec withCatalog(String file) {
        return new EngineSpec(
                packDir,
                Objects.requireNonNull(file, "file"),
                maxContentChars,
                decideUnknownHosts,
                hostMappings,
                trustedKeyFiles);
    }

    public EngineSpec withHostMapping(String pattern, String product) {
        Map<String, String> m = new LinkedHashMap<>(hostMappings);
        m.put(pattern, product);
        return new EngineSpec(packDir, catalogFile, maxContentChars, decideUnknownHosts, m, trustedKeyFiles);
    }

    public EngineSpec withDecideUnknownHosts(boolean decide) {
        return new EngineSpec(packDir, catalogFile, maxContentChars, decide, hostMappings, trustedKeyFiles);
    }

    /**
     * Requires the pack to be signed by the key in this PEM file (any of the keys given, when called more than
     * once); a pack that is unsigned or signed by another key then fails the worker's setup.
     */
    public EngineSpec withTrustedKey(String pemFile) {
        List<String> keys = new ArrayList<>(trustedKeyFiles);
        keys.add(Objects.requireNonNull(pemFile, "pemFile"));
        return new EngineSpec(packDir, catalogFile, maxContentChars, decideUnknownHosts, hostMappings, keys);
    }

    private PolicySetup setup() {
        PackTrust trust = trustedKeyFiles.isEmpty()
                ? PackTrust.none()
                : PackTrust.fromPem(trustedKeyFiles.stream().map(Path::of).toArray(Path[]::new));
        PolicySetup setup = packDir == null ? PolicySetup.builtIn() : PolicySetup.load(Path.of(packDir), trust);
        if (catalogFile != null) {
            setup = setup.organizationCatalog(Path.of(catalogFile));
        }
        return setup;
    }

    /**
     * The catalog the engine decides with (built-in ← pack ← organization), without compiling the pack: for
     * {@link ReportIdentities#pseudonymized}, which keeps its product ids as they are.
     */
    public ProviderCatalog catalog() {
        return setup().catalog();
    }

    /** Builds the engine (compiling the pack) and an auditor adding to {@code into}. */
    public LogAuditor newAuditor(AuditSummary into) {
        PolicySetup setup = setup();
        ProviderCatalog catalog = setup.catalog();
        PolicyEngine.Builder engine = setup.engineBuilder()
                .limits(EvaluationLimits.builder()
                        .maxContentChars(maxContentChars)
                        .build());
        LogAuditor.Builder b = LogAuditor.builder(engine)
                .decideUnknownHosts(decideUnknownHosts)
                .summary(into);
        if (!hostMappings.isEmpty()) {
            HostResolver.Builder r = HostResolver.builder(catalog);
            hostMappings.forEach(r::map);
            b.hostResolver(r.build());
        }
        return b.build();
    }
}
