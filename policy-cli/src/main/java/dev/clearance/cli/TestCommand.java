package dev.clearance.cli;

import dev.clearance.PolicyEngine;
import dev.clearance.authoring.CaseResult;
import dev.clearance.authoring.CaseRunner;
import dev.clearance.authoring.PolicyCase;
import dev.clearance.authoring.PolicyCases;
import dev.clearance.authoring.RuleCoverage;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.PolicySetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Runs YAML/JSON case files against a pack (a directory holding pack.yaml, a .jar/.zip, or",
            "'default'; without one, the built-in default pack) and reports rule coverage. The last line is",
            "'N passed, N failed'; exit 1 when any failed or coverage is below --min-coverage."
        })
final class TestCommand implements Callable<Integer> {
    @Mixin
    TrustOption trust = new TrustOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "[PACK] CASES", arity = "1..*", description = "Optional pack, then case files.")
    List<String> args;

    @Option(
            names = "--min-coverage",
            paramLabel = "PERCENT",
            description = "Fail when fewer than PERCENT (0-100) of the pack's rules acted in some case.")
    Double minCoverage;

    @Override
    public Integer call() {
        List<String> files = new ArrayList<>(args);
        String packSpec = Packs.DEFAULT;
        if (files.size() > 1 && Packs.looksLikePack(files.get(0))) {
            packSpec = files.remove(0);
        }
        if (files.isEmpty() || Packs.looksLikePack(files.get(0)) && files.size() == 1 && args.size() == 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no case files given");
        }
        if (minCoverage != null && !(minCoverage >= 0 && minCoverage <= 100)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--min-coverage must be a percentage from 0 to 100: " + minCoverage);
        }
        PolicySetup setup = Packs.setup(packSpec, trust.trust());
        RulePack pack = setup.rulePack();
        PolicyEngine engine = Packs.engine(setup);
        List<PolicyCase> cases = new ArrayList<>();
        for (String file : files) {
            cases.addAll(PolicyCases.load(Path.of(file)));
        }
        PrintWriter out = spec.commandLine().getOut();
        CaseRunner runner = CaseRunner.of(engine);
        int passed = 0;
        int failed = 0;
        for (PolicyCase c : cases) {
            CaseResult r = runner.run(c);
            if (r.passed()) {
                passed++;
            } else {
                failed++;
                out.println("FAIL " + c.file() + ": " + c.name());
                r.problems().forEach(p -> out.println("     " + p));
            }
        }
        RuleCoverage coverage = runner.coverage();
        out.println("coverage: " + coverage.summary()
                + (coverage.unfired().isEmpty() ? "" : "; no case fired " + String.join(", ", coverage.unfired())));
        boolean coverageFailed = minCoverage != null && coverage.ratio() * 100 < minCoverage;
        if (coverageFailed) {
            out.println("FAIL coverage below --min-coverage " + String.format(Locale.ROOT, "%.1f%%", minCoverage));
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 && !coverageFailed ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
