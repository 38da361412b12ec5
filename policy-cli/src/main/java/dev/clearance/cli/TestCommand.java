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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Option(
            names = "--run",
            paramLabel = "REGEX",
            description = "Run only the cases whose name matches REGEX (RE2 syntax, found anywhere in the name).")
    String run;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Candidates.class,
            description = "text (default), json, junit (JUnit XML for CI) or sarif (each failed case a result at its"
                    + " case file).")
    OutputFormat format = OutputFormat.TEXT;

    @Override
    public Integer call() {
        com.google.re2j.Pattern filter = null;
        if (run != null) {
            try {
                filter = com.google.re2j.Pattern.compile(run);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--run is not a valid RE2 regular expression: " + e.getDescription());
            }
        }
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
        // every problem of every case file, each at its line and column, before anything runs
        List<dev.clearance.Diagnostic> problems = new ArrayList<>();
        for (String file : files) {
            if (!java.nio.file.Files.isRegularFile(Path.of(file))) {
                throw new ExitCodes.InvalidInput("no such case file: " + file);
            }
            problems.addAll(PolicyCases.check(Path.of(file)));
        }
        if (!problems.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            problems.forEach(d -> err.println(d.format()));
            err.println("clearance test: " + problems.size() + " problem(s) in the case files; nothing was run");
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        PolicySetup setup = Packs.setup(packSpec, trust.trust());
        RulePack pack = setup.rulePack();
        PolicyEngine engine = Packs.engine(setup);
        List<PolicyCase> cases = new ArrayList<>();
        int loaded = 0;
        for (String file : files) {
            for (PolicyCase c : PolicyCases.load(Path.of(file))) {
                loaded++;
                if (filter == null || filter.matcher(c.name()).find()) {
                    cases.add(c);
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean text = format == OutputFormat.TEXT;
        CaseRunner runner = CaseRunner.of(engine);
        List<CaseResult> results = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        for (PolicyCase c : cases) {
            CaseResult r = runner.run(c);
            results.add(r);
            if (r.passed()) {
                passed++;
            } else {
                failed++;
                if (text) {
                    out.println("FAIL " + c.file() + ": " + c.name());
                    r.problems().forEach(p -> out.println("     " + p));
                }
            }
        }
        RuleCoverage coverage = runner.coverage();
        boolean coverageFailed = minCoverage != null && coverage.ratio() * 100 < minCoverage;
        boolean noneSelected = filter != null && cases.isEmpty();
        String packName = pack.id() + "@" + pack.version();
        if (format == OutputFormat.JUNIT) {
            out.print(Reports.junit(packName, results));
        } else if (format == OutputFormat.SARIF) {
            out.println(Reports.json(sarif(results)));
        } else if (format == OutputFormat.JSON) {
            out.println(Reports.json(json(packName, results, coverage, loaded, coverageFailed)));
        } else {
            out.println("coverage: " + coverage.summary()
                    + (coverage.unfired().isEmpty() ? "" : "; no case fired " + String.join(", ", coverage.unfired())));
            if (coverageFailed) {
                out.println("FAIL coverage below --min-coverage " + String.format(Locale.ROOT, "%.1f%%", minCoverage));
            }
            if (filter != null) {
                out.println("--run selected " + cases.size() + " of " + loaded + " cases"
                        + (noneSelected ? " (FAIL: none matched)" : ""));
            }
            out.println(passed + " passed, " + failed + " failed");
        }
        return failed == 0 && !coverageFailed && !noneSelected ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Each failed case a SARIF error at its case file: the case's name and its problems, never content. */
    private static Map<String, Object> sarif(List<CaseResult> results) {
        List<dev.clearance.Diagnostic> failed = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (CaseResult r : results) {
            if (!r.passed()) {
                failed.add(new dev.clearance.Diagnostic(
                        dev.clearance.Severity.ERROR,
                        r.policyCase().file(),
                        0,
                        0,
                        null,
                        "case '" + r.policyCase().name() + "': " + String.join("; ", r.problems())));
                kinds.add(Reports.CASE_FAILED);
            }
        }
        return Reports.sarif(failed, kinds);
    }

    private Map<String, Object> json(
            String packName, List<CaseResult> results, RuleCoverage coverage, int loaded, boolean coverageFailed) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pack", packName);
        doc.put("cases", results.size());
        doc.put("selectedFrom", loaded);
        doc.put("passed", results.stream().filter(CaseResult::passed).count());
        doc.put("failed", results.stream().filter(r -> !r.passed()).count());
        List<Object> list = new ArrayList<>();
        for (CaseResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", r.policyCase().file());
            m.put("name", r.policyCase().name());
            m.put("passed", r.passed());
            m.put("effect", r.decision().effect().name());
            m.put("ruleIds", r.decision().ruleIds());
            m.put("problems", r.problems());
            list.add(m);
        }
        doc.put("results", list);
        Map<String, Object> cov = new LinkedHashMap<>();
        cov.put("ratio", coverage.ratio());
        cov.put("unfired", coverage.unfired());
        cov.put("belowMinimum", coverageFailed);
        doc.put("coverage", cov);
        return doc;
    }
}
