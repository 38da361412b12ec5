package dev.clearance.cli;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyEngine;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.PolicySetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            "Case files (--cases, and those under the pack's cases/ directory) are checked too. Exit 1 on",
            "errors, and on warnings with --strict."
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

    @Option(
            names = "--verbose",
            description = "Also print the rule engine's own message under each error it translated.")
    boolean verbose;

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Option(
            names = "--cases",
            paramLabel = "FILE",
            description = "Also check this case file: every problem, with line and column (repeatable).")
    List<String> cases = new ArrayList<>();

    @Option(names = "--no-analysis", description = "Compile only; skip the analysis over the domain.")
    boolean noAnalysis;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Candidates.class,
            description = "text (default), json, junit (a testcase per file with diagnostics; errors fail it) or"
                    + " sarif (SARIF 2.1.0, for code-review annotations).")
    OutputFormat format = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean text = format == OutputFormat.TEXT;
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        PolicyEngine engine;
        RulePack rules;
        try {
            PolicySetup setup = Packs.setup(pack, trust.trust());
            rules = setup.rulePack();
            engine = Packs.engine(setup);
        } catch (RulePackCompilationException e) {
            for (Diagnostic d : e.diagnostics()) {
                Diagnostic located = Packs.located(pack, d);
                diagnostics.add(located);
                kinds.add(Reports.COMPILE);
                if (text) {
                    out.println(located.format());
                    if (verbose && located.detail() != null) {
                        out.println("    engine: " + located.detail());
                    }
                }
            }
            if (text) {
                out.println(pack + ": " + e.diagnostics().size() + " error(s)");
            } else {
                report(out, null, diagnostics, kinds, 0, e.diagnostics().size(), 0);
            }
            return ExitCodes.FAILED;
        }
        if (text) {
            out.println(pack + ": compiled " + rules.id() + "@" + rules.version() + ", "
                    + engine.ruleIds().size() + " rules, " + rules.catalog().size() + " catalog products");
        }
        int errors = 0;
        for (Path file : caseFiles()) {
            for (Diagnostic d : dev.clearance.authoring.PolicyCases.check(file)) {
                diagnostics.add(d);
                kinds.add("clearance.cases");
                errors++;
                if (text) {
                    out.println(d.format());
                }
            }
        }
        int warnings = 0;
        if (rules.files().stream().noneMatch(f -> f.kind() != RuleFile.Kind.DSL)) {
            Diagnostic empty = Packs.located(
                    pack,
                    new Diagnostic(
                            Severity.WARNING,
                            "",
                            0,
                            0,
                            null,
                            "the pack has no rule files: every request falls to default deny"));
            diagnostics.add(empty);
            kinds.add("clearance.analysis");
            warnings++;
            if (text) {
                out.println(empty.format());
            }
        }
        int situations = 0;
        if (!noAnalysis) {
            PackAnalysis analysis = PackAnalysis.of(engine);
            situations = analysis.outcomes().size();
            for (Diagnostic d : analysis.diagnostics()) {
                Diagnostic located = Packs.located(pack, d);
                diagnostics.add(located);
                kinds.add("clearance.analysis");
                if (text) {
                    out.println(located.format());
                    if (verbose && located.detail() != null) {
                        out.println("    engine: " + located.detail());
                    }
                }
                if (d.severity() != Severity.INFO) {
                    warnings++;
                }
            }
            if (text) {
                out.println(pack + ": analysed " + situations + " situations in "
                        + analysis.elapsed().toMillis() + " ms: " + warnings + " warning(s)"
                        + (warnings > 0 && strict ? " (--strict: failing)" : ""));
            }
        }
        if (text && errors > 0) {
            out.println(pack + ": " + errors + " error(s) in the case files");
        }
        if (!text) {
            report(out, rules, diagnostics, kinds, engine.ruleIds().size(), errors, warnings);
        }
        return errors > 0 || warnings > 0 && strict ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** The --cases files (each must exist), then the YAML/JSON files under a pack directory's cases/, sorted. */
    private List<Path> caseFiles() {
        List<Path> files = new ArrayList<>();
        for (String c : cases) {
            Path f = Path.of(c);
            if (!java.nio.file.Files.isRegularFile(f)) {
                throw new ExitCodes.InvalidInput("no such case file: " + c);
            }
            files.add(f);
        }
        Path dir = Path.of(pack).resolve("cases");
        if (!Packs.DEFAULT.equals(pack) && java.nio.file.Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> listed = java.nio.file.Files.list(dir)) {
                listed.filter(f -> {
                            String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                            return java.nio.file.Files.isRegularFile(f)
                                    && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
                        })
                        .sorted()
                        .filter(f -> !files.contains(f))
                        .forEach(files::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + dir, e);
            }
        }
        return files;
    }

    /**
     * One testcase per file with diagnostics (the pack itself when there are none): its errors, and its warnings
     * under --strict, are the failures; a clean pack is one passing testcase.
     */
    private String junit(RulePack rules, List<Diagnostic> diagnostics) {
        String packName = rules == null ? pack : rules.id() + "@" + rules.version();
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        for (Diagnostic d : diagnostics) {
            List<String> failures = byFile.computeIfAbsent(d.resource(), k -> new ArrayList<>());
            if (d.severity() == Severity.ERROR || strict && d.severity() == Severity.WARNING) {
                failures.add(d.format());
            }
        }
        List<Reports.TestCase> cases = new ArrayList<>();
        byFile.forEach((file, failures) -> cases.add(new Reports.TestCase("check " + packName, file, 0, failures)));
        if (cases.isEmpty()) {
            cases.add(new Reports.TestCase("check " + packName, packName, 0, List.of()));
        }
        return Reports.junitOf("clearance check", cases, "diagnostic");
    }

    private void report(
            PrintWriter out,
            RulePack rules,
            List<Diagnostic> diagnostics,
            List<String> kinds,
            int ruleCount,
            int errors,
            int warnings) {
        if (format == OutputFormat.SARIF) {
            out.println(Reports.json(Reports.sarif(diagnostics, kinds)));
            return;
        }
        if (format == OutputFormat.JUNIT) {
            out.print(junit(rules, diagnostics));
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pack", rules == null ? pack : rules.id() + "@" + rules.version());
        doc.put("compiled", rules != null);
        doc.put("rules", ruleCount);
        doc.put("errors", errors);
        doc.put("warnings", warnings);
        doc.put("diagnostics", diagnostics.stream().map(Reports::diagnostic).toList());
        out.println(Reports.json(doc));
    }
}
