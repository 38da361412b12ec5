package dev.clearance.cli;

import dev.clearance.EvaluationLimits;
import dev.clearance.PolicyEngine;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.DefaultRulePack;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --pack} and {@code --catalog}, shared by every command that evaluates. */
final class PackOptions {
    @Option(names = "--pack", paramLabel = "DIR",
            description = "Rule pack directory (with pack.yaml) or .jar/.zip. Default: the built-in default pack.")
    Path pack;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "An organization's catalog.yaml, merged over the built-in catalog and the pack's own.")
    Path catalog;

    @Option(names = "--max-content-chars", paramLabel = "N",
            description = "Longest content scanned, in UTF-16 units (default: ${DEFAULT-VALUE}).")
    int maxContentChars = EvaluationLimits.DEFAULT_MAX_CONTENT_CHARS;

    @Option(names = "--trusted-key", paramLabel = "FILE",
            description = "Ed25519 public key (PEM) the --pack must be signed by; repeatable. Unsigned packs are refused.")
    java.util.List<Path> trustedKeys = java.util.List.of();

    private RulePack loaded;

    /** The pack (a directory or a jar), loaded and verified once. */
    RulePack rulePack() {
        if (loaded == null) {
            loaded = pack == null ? DefaultRulePack.v1() : trustedKeys.isEmpty() ? RulePack.load(pack)
                    : RulePack.fromDirectory(pack, trust());
        }
        return loaded;
    }

    /** The keys --trusted-key names (none: signatures not required). */
    dev.clearance.pack.PackTrust trust() {
        return trustedKeys.isEmpty() ? dev.clearance.pack.PackTrust.none()
                : dev.clearance.pack.PackTrust.fromPem(trustedKeys.toArray(Path[]::new));
    }

    /** An engine builder for another version of the pack (hot reload), with the same catalog and limits. */
    PolicyEngine.Builder builderFor(RulePack other) {
        return PolicyEngine.builder().rulePack(other).catalog(catalogWith(other))
                .limits(EvaluationLimits.builder().maxContentChars(maxContentChars).build());
    }

    /** The built-in catalog, with the pack's own and then --catalog merged over it. */
    ProviderCatalog catalog() {
        return catalogWith(pack == null ? null : rulePack());
    }

    private ProviderCatalog catalogWith(RulePack rules) {
        ProviderCatalog merged = DefaultRulePack.catalog();
        if (rules != null) {
            merged = merged.mergedWith(rules.catalog());
        }
        if (catalog != null) {
            merged = merged.mergedWith(ProviderCatalog.load(catalog));
        }
        return merged;
    }

    /** An engine builder with these options, for commands that configure more (e.g. the audit sink). */
    PolicyEngine.Builder builder() {
        return PolicyEngine.builder().rulePack(rulePack()).catalog(catalog())
                .limits(EvaluationLimits.builder().maxContentChars(maxContentChars).build());
    }

    PolicyEngine engine() {
        return builder().build();
    }
}
