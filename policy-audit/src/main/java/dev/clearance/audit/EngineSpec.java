package dev.clearance.audit;

import dev.clearance.EvaluationLimits;
import dev.clearance.PolicyEngine;
import dev.clearance.catalog.HostResolver;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.PackTrust;
import dev.clearance.rules.PolicySetup;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 */
public record EngineSpec(
        String packDir,
        String catalogFile,
        int maxContentChars,
        boolean decideUnknownHosts,
        Map<String, String> hostMappings)
        implements Serializable {

    public EngineSpec {
        hostMappings = hostMappings == null ? Map.of() : Map.copyOf(hostMappings);
    }

    /** The built-in default pack and catalog, default limits. */
    public static EngineSpec defaults() {
        return new EngineSpec(null, null, EvaluationLimits.DEFAULT_MAX_CONTENT_CHARS, false, Map.of());
    }

    public EngineSpec withPack(String dir) {
        return new EngineSpec(
                Objects.requireNonNull(dir, "dir"), catalogFile, maxContentChars, decideUnknownHosts, hostMappings);
    }

    public EngineSpec withCatalog(String file) {
        return new EngineSpec(
                packDir, Objects.requireNonNull(file, "file"), maxContentChars, decideUnknownHosts, hostMappings);
    }

    public EngineSpec withHostMapping(String pattern, String product) {
        Map<String, String> m = new LinkedHashMap<>(hostMappings);
        m.put(pattern, product);
        return new EngineSpec(packDir, catalogFile, maxContentChars, decideUnknownHosts, m);
    }

    public EngineSpec withDecideUnknownHosts(boolean decide) {
        return new EngineSpec(packDir, catalogFile, maxContentChars, decide, hostMappings);
    }

    private PolicySetup setup() {
        PolicySetup setup =
                packDir == null ? PolicySetup.builtIn() : PolicySetup.load(Path.of(packDir), PackTrust.none());
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
