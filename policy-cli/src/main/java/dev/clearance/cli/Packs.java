package dev.clearance.cli;

import dev.clearance.Diagnostic;
import dev.clearance.EvaluationLimits;
import dev.clearance.PolicyEngine;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.DefaultRulePack;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the commands name a pack: {@code default} (or nothing) for the built-in pack, a directory holding
 * {@code pack.yaml}, or a {@code .jar}/{@code .zip} holding one.
 */
final class Packs {
    static final String DEFAULT = "default";

    private Packs() {
    }

    static boolean isDefault(String spec) {
        return spec == null || DEFAULT.equals(spec);
    }

    /** Whether {@code arg} names a pack (rather than, say, a case file). */
    static boolean looksLikePack(String arg) {
        if (DEFAULT.equals(arg)) {
            return true;
        }
        Path p = Path.of(arg);
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isDirectory(p) && Files.isRegularFile(p.resolve("pack.yaml"))
                || Files.isRegularFile(p) && (name.endsWith(".jar") || name.endsWith(".zip"));
    }

    static RulePack load(String spec) {
        return isDefault(spec) ? DefaultRulePack.v1() : RulePack.load(Path.of(spec));
    }

    /** An engine for the pack with the built-in catalog under the pack's own, as every command builds it. */
    static PolicyEngine engine(RulePack pack, boolean builtIn) {
        ProviderCatalog merged = DefaultRulePack.catalog();
        if (!builtIn) {
            merged = merged.mergedWith(pack.catalog());
        }
        return PolicyEngine.builder().rulePack(pack).catalog(merged).limits(EvaluationLimits.defaults()).build();
    }

    /** A diagnostic with its resource shown where the user can open it: under the pack directory or jar. */
    static Diagnostic located(String spec, Diagnostic d) {
        if (isDefault(spec)) {
            return d.resource().isEmpty() ? withResource(d, "<default pack>") : d;
        }
        Path pack = Path.of(spec);
        String resource = d.resource().isEmpty() ? "pack.yaml" : d.resource();
        if (Path.of(resource).isAbsolute()) {
            return d;
        }
        if (Files.isDirectory(pack)) {
            Path p = pack.resolve(resource);
            return Files.exists(p) || d.resource().isEmpty() || resource.equals("pack.yaml")
                    ? withResource(d, p.toString()) : d;
        }
        return withResource(d, pack + "!/" + resource);
    }

    private static Diagnostic withResource(Diagnostic d, String resource) {
        return new Diagnostic(d.severity(), resource, d.line(), d.column(), d.ruleId(), d.message());
    }
}
