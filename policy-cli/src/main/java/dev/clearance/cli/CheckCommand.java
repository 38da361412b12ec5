package dev.clearance.cli;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyEngine;
import dev.clearance.RulePack;
import dev.clearance.RulePackCompilationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compiles a rule pack and reports problems as file:line:col: severity: message. "
                + "Exit 1 on errors.")
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PACK", description = "Pack directory (with pack.yaml).")
    Path pack;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RulePack rules = RulePack.fromDirectory(pack);
            PolicyEngine engine = PolicyEngine.builder().rulePack(rules).build();
            out.println(pack + ": ok: " + rules.id() + "@" + rules.version() + ", " + engine.ruleIds().size()
                    + " rules, " + rules.catalog().size() + " catalog products");
            return ClearanceCli.OK;
        } catch (RulePackCompilationException e) {
            for (Diagnostic d : e.diagnostics()) {
                Diagnostic located = d.resource().isEmpty() || Path.of(d.resource()).isAbsolute() ? d
                        : new Diagnostic(d.severity(), pack.resolve(d.resource()).toString(), d.line(), d.column(),
                                d.ruleId(), d.message());
                out.println(located.format());
            }
            out.println(e.diagnostics().size() + " error(s)");
            return ClearanceCli.FAILED;
        }
    }
}
