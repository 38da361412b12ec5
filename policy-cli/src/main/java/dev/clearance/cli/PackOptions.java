package dev.clearance.cli;

import dev.clearance.EvaluationLimits;
import dev.clearance.LimitExceededException;
import dev.clearance.PolicyEngine;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.PolicySetup;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --pack} and {@code --catalog}, shared by every command that evaluates. */
final class PackOptions {
    @Option(
            names = "--pack",
            paramLabel = "DIR",
            description = "Rule pack directory (with pack.yaml) or .jar/.zip. Default: the built-in default pack.")
    Path pack;

    @Option(
            names = "--catalog",
            paramLabel = "FILE",
            description = "An organization's catalog.yaml, merged over the built-in catalog and the pack's own.")
    Path catalog;

    @Option(
            names = "--max-content-chars",
            paramLabel = "N",
            description = "Longest content scanned, in UTF-16 units (default: ${DEFAULT-VALUE}).")
    int maxContentChars = EvaluationLimits.DEFAULT_MAX_CONTENT_CHARS;

    /** {@code --trusted-key} and {@code --allow-unrestricted-rules}, shared with check, test and diff. */
    @Mixin
    TrustOption trust = new TrustOption();

    private PolicySetup setup;

    /** The pack, its trust and the catalogs, read once: see {@link PolicySetup}. */
    PolicySetup setup() {
        if (setup == null) {
            PolicySetup s = pack == null ? PolicySetup.builtIn() : PolicySetup.load(pack, trust());
            setup = catalog == null ? s : s.organizationCatalog(catalog);
        }
        return setup;
    }

    RulePack rulePack() {
        return setup().rulePack();
    }

    PackTrust trust() {
        return trust.trust();
    }

    /**
     * {@code text}, when it is within {@code --max-content-chars}: commands that scan or redact without a decision
     * honour the limit too.
     *
     * @throws LimitExceededException when it is longer (exit 3, one line, never the text)
     */
    String withinLimit(String text) {
        if (text.length() > maxContentChars) {
            throw new LimitExceededException(
                    "maxContentChars",
                    maxContentChars,
                    "text of " + text.length() + " chars exceeds the maximum content length of " + maxContentChars
                            + " UTF-16 units (EvaluationLimits.maxContentChars(), --max-content-chars)");
        }
        return text;
    }

    EvaluationLimits limits() {
        return EvaluationLimits.builder().maxContentChars(maxContentChars).build();
    }

    /** An engine builder for another pack with the same catalogs and limits (hot reload). */
    PolicyEngine.Builder builderFor(RulePack other) {
        return setup().withPack(other).engineBuilder().limits(limits()).decisionLog(DecisionLog.slf4j());
    }

    ProviderCatalog catalog() {
        return setup().catalog();
    }

    /**
     * The engine builder of every command: audit records go to the SLF4J logger {@code clearance.audit} (off in
     * the CLI's logging configuration unless enabled); {@link AuditOptions} adds the file.
     */
    PolicyEngine.Builder builder() {
        return setup().engineBuilder().limits(limits()).decisionLog(DecisionLog.slf4j());
    }

    PolicyEngine engine() {
        return builder().build();
    }
}
