package dev.clearance.test;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyEngine;
import dev.clearance.Severity;
import dev.clearance.authoring.CaseResult;
import dev.clearance.authoring.CaseRunner;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.authoring.PolicyCase;
import dev.clearance.authoring.PolicyCases;
import dev.clearance.authoring.RuleCoverage;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Golden case files as JUnit 5 dynamic tests: one container per file, one test per case named
 * {@code file: case name}, then (optionally) a {@code pack analysis} test and a {@code rule coverage} test.
 *
 * <pre>{@code
 * class MyPackTest {
 *     @TestFactory
 *     Stream<DynamicNode> cases() {
 *         return PackTests.forPack(RulePack.load(Path.of("src/main/pack")))
 *                 .minCoverage(0.9)
 *                 .cases(Path.of("src/test/cases"));
 *     }
 * }
 * }</pre>
 *
 * A case passes when the decision has the expected effect, every expected reason among its reasons, and (when
 * given) exactly the expected redacted types. The coverage test fails when fewer than {@link #minCoverage(double)}
 * of the pack's rules acted in some case, and names the rules none did.
 */
public final class PackTests {
    private final PolicyEngine engine;
    private final double minCoverage;
    private final boolean analysis;

    private PackTests(PolicyEngine engine, double minCoverage, boolean analysis) {
        this.engine = engine;
        this.minCoverage = minCoverage;
        this.analysis = analysis;
    }

    /** Cases against {@code pack}, with the pack's own catalog. */
    public static PackTests forPack(RulePack pack) {
        return forEngine(PolicyEngine.builder()
                .rulePack(Objects.requireNonNull(pack, "pack"))
                .build());
    }

    /** Cases against an engine configured by the caller (catalog, limits, scanner). */
    public static PackTests forEngine(PolicyEngine engine) {
        return new PackTests(Objects.requireNonNull(engine, "engine"), 0.0, false);
    }

    /** Fail the coverage test when fewer than {@code ratio} (0 to 1) of the rules acted; default 0. */
    public PackTests minCoverage(double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("minCoverage must be within [0, 1]: " + ratio);
        }
        return new PackTests(engine, ratio, analysis);
    }

    /**
     * Also add a {@code pack analysis} test that fails on any warning of {@link PackAnalysis} (situations that
     * fall to default-deny, rules that never fire or are always overridden), as {@code clearance check --strict}.
     */
    public PackTests failOnAnalysisWarnings() {
        return new PackTests(engine, minCoverage, true);
    }

    /**
     * The tests for case files: each path is a {@code .yaml}/{@code .yml}/{@code .json} file or a directory searched
     * recursively for them. A file that does not load becomes one failing test naming the file and field.
     */
    public Stream<DynamicNode> cases(Path... filesOrDirectories) {
        List<Path[]> files = new ArrayList<>();
        for (Path p : filesOrDirectories) {
            Objects.requireNonNull(p, "path");
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(PackTests::isCaseFile)
                            .sorted()
                            .forEach(f -> files.add(new Path[] {p, f}));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else {
                files.add(new Path[] {p.toAbsolutePath().getParent(), p});
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "no case files (.yaml, .yml, .json) under " + List.of(filesOrDirectories));
        }
        CaseRunner runner = CaseRunner.of(engine);
        Stream<DynamicNode> perFile = files.stream().map(f -> file(runner, display(f[0], f[1]), f[1]));
        Stream<DynamicNode> tail = analysis ? Stream.of(analysisTest(), coverage(runner)) : Stream.of(coverage(runner));
        return Stream.concat(perFile, tail);
    }

    private static boolean isCaseFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static String display(Path root, Path file) {
        Path abs = file.toAbsolutePath();
        Path rel = root == null ? abs.getFileName() : root.toAbsolutePath().relativize(abs);
        return rel.toString().replace('\\', '/');
    }

    private static DynamicNode file(CaseRunner runner, String name, Path file) {
        List<PolicyCase> cases;
        try {
            List<dev.clearance.Diagnostic> problems = PolicyCases.check(file);
            if (!problems.isEmpty()) {
                // every problem of the file, one file:line:col line each
                String all = problems.stream()
                        .map(d -> d.withResource(name).format())
                        .collect(java.util.stream.Collectors.joining("\n"));
                return DynamicTest.dynamicTest(name + ": loads", file.toUri(), () -> {
                    throw new AssertionFailedError(name + " does not load: " + problems.size() + " problem(s)\n" + all);
                });
            }
            cases = PolicyCases.load(file);
        } catch (RuntimeException e) {
            return DynamicTest.dynamicTest(name + ": loads", file.toUri(), () -> {
                throw new AssertionFailedError(name + " does not load: " + e.getMessage(), e);
            });
        }
        return DynamicContainer.dynamicContainer(
                name,
                file.toUri(),
                cases.stream()
                        .map(c -> DynamicTest.dynamicTest(name + ": " + c.name(), () -> {
                            CaseResult r = runner.run(c);
                            if (!r.passed()) {
                                throw new AssertionFailedError(
                                        name + ": " + c.name() + ": " + String.join("; ", r.problems()));
                            }
                        })));
    }

    private DynamicNode analysisTest() {
        return DynamicTest.dynamicTest("pack analysis", () -> {
            PackAnalysis a = PackAnalysis.of(engine);
            List<String> warnings = a.diagnostics().stream()
                    .filter(d -> d.severity() != Severity.INFO)
                    .map(Diagnostic::format)
                    .toList();
            if (!warnings.isEmpty()) {
                throw new AssertionFailedError(warnings.size() + " analysis warning(s) over "
                        + a.outcomes().size() + " situations:\n" + String.join("\n", warnings));
            }
        });
    }

    private DynamicNode coverage(CaseRunner runner) {
        String title = minCoverage > 0 ? "rule coverage (at least " + percent(minCoverage) + ")" : "rule coverage";
        return DynamicTest.dynamicTest(title, () -> {
            RuleCoverage c = runner.coverage();
            if (c.ratio() < minCoverage) {
                throw new AssertionFailedError(c.summary() + ", below the minimum of " + percent(minCoverage)
                        + "; no case fired " + c.unfired());
            }
        });
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    /** The engine the cases run against. */
    public PolicyEngine engine() {
        return engine;
    }
}
