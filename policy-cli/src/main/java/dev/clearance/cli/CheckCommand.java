package dev.clearance.cli;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyEngine;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.PolicySetup;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Compiles a rule pack and analyses it over the enumerated domain (classification x tier x",
            "training x zero data retention x opt-out x findings): situations that fall to default-deny, rules",
            "that never fire, rules whose effect is always overridden. Reports file:line:col: severity: message.",
            "Exit 1 on errors, and on warnings with --strict."
        })
final class CheckCommand implements Callable<Integer> {
    @Mixin
    TrustOption trust = new TrustOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "PACK",
            arity = "0..1",
            defaultValue = Packs.DEFAULT,
            description = "Pack directory (with pack.yaml), .jar/.zip, or 'default' (the built-in pack; the default).")
    String pack;

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Option(names = "--no-analysis", description = "Compile only; skip the analysis over the domain.")
    boolean noAnalysis;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PolicyEngine engine;
        RulePack rules;
        try {
            PolicySetup setup = Packs.setup(pack, trust.trust());
            rules = setup.rulePack();
            engine = Packs.engine(setup);
        } catch (RulePackCompilationException e) {
            for (Diagnostic d : e.diagnostics()) {
                out.println(Packs.located(pack, d).format());
            }
            out.println(pack + ": " + e.diagnostics().size() + " error(s)");
            return ExitCodes.FAILED;
        }
        out.println(pack + ": compiled " + rules.id() + "@" + rules.version() + ", "
                + engine.ruleIds().size() + " rules, " + rules.catalog().size() + " catalog products");
        if (noAnalysis) {
            return ExitCodes.OK;
        }
        PackAnalysis analysis = PackAnalysis.of(engine);
        int warnings = 0;
        for (Diagnostic d : analysis.diagnostics()) {
            out.println(Packs.located(pack, d).format());
            if (d.severity() != Severity.INFO) {
                warnings++;
            }
        }
        out.println(pack + ": analysed " + analysis.outcomes().size() + " situations in "
                + analysis.elapsed().toMillis() + " ms: " + warnings + " warning(s)"
                + (warnings > 0 && strict ? " (--strict: failing)" : ""));
        return warnings > 0 && strict ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
