package dev.clearance.cli;

import dev.clearance.Classification;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.authoring.PolicyCase;
import dev.clearance.authoring.PolicyCases;
import dev.clearance.catalog.Product;
import dev.clearance.rules.PolicySetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * {@code clearance bench}: decisions per second and latency percentiles of a pack on its own case files, or on
 * generated requests. One thread, the caller's; warm-up first (stated in the output), then the measured rounds.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures a pack: decisions per second and p50/p99 latency on its case files (or, without case",
            "files, on generated requests to every catalog product). Warm-up decisions run first and are not",
            "measured; the output states how many. One thread; the decision cache is on unless --no-cache."
        })
final class BenchCommand implements Callable<Integer> {
    @Mixin
    TrustOption trust = new TrustOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PACK [CASES]", arity = "0..*", description = "Pack (default: built-in), case files.")
    List<String> args = new ArrayList<>();

    @Option(
            names = "--warmup",
            paramLabel = "N",
            description = "Decisions run before measuring (default ${DEFAULT-VALUE}).")
    int warmup = 2_000;

    @Option(names = "--decisions", paramLabel = "N", description = "Decisions measured (default ${DEFAULT-VALUE}).")
    int decisions = 10_000;

    @Option(names = "--no-cache", description = "Turn the decision cache off (every decision runs the rules).")
    boolean noCache;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Candidates.class,
            description = "text (default) or json.")
    OutputFormat format = OutputFormat.TEXT;

    /** What one run measured. */
    record Result(
            String pack,
            String source,
            int requests,
            int warmup,
            int decisions,
            boolean cache,
            double decisionsPerSecond,
            double p50Micros,
            double p99Micros,
            double maxMicros) {}

    @Override
    public Integer call() {
        format.require(spec.commandLine(), OutputFormat.TEXT, OutputFormat.JSON);
        if (warmup < 0 || decisions < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--warmup must be 0 or more and --decisions 1 or more");
        }
        List<String> files = new ArrayList<>(args);
        String packSpec = Packs.DEFAULT;
        if (!files.isEmpty() && Packs.looksLikePack(files.get(0))) {
            packSpec = files.remove(0);
        }
        PolicySetup setup = Packs.setup(packSpec, trust.trust());
        var builder = setup.engineBuilder().limits(dev.clearance.EvaluationLimits.defaults());
        if (noCache) {
            builder.decisionCache(0);
        }
        PolicyEngine engine = builder.build();
        List<PolicyRequest> requests = new ArrayList<>();
        for (String file : files) {
            for (PolicyCase c : PolicyCases.load(Path.of(file))) {
                requests.add(c.request());
            }
        }
        String source = files.isEmpty() ? "generated" : "cases";
        if (requests.isEmpty()) {
            if (!files.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the case files hold no cases");
            }
            requests = generated(engine);
        }
        Result r = measure(engine, requests, warmup, decisions, source);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("pack", r.pack());
            doc.put("requests", r.requests());
            doc.put("source", r.source());
            doc.put("warmupDecisions", r.warmup());
            doc.put("decisions", r.decisions());
            doc.put("decisionCache", r.cache());
            doc.put("threads", 1);
            doc.put("decisionsPerSecond", round(r.decisionsPerSecond()));
            doc.put("p50Micros", round(r.p50Micros()));
            doc.put("p99Micros", round(r.p99Micros()));
            doc.put("maxMicros", round(r.maxMicros()));
            out.println(Reports.json(doc));
        } else {
            out.println("pack " + r.pack() + ": " + r.requests() + " " + r.source()
                    + " requests, 1 thread, decision cache " + (r.cache() ? "on" : "off"));
            out.println("warm-up: " + r.warmup() + " decisions (not measured)");
            out.println(String.format(
                    Locale.ROOT,
                    "%d decisions: %.0f decisions/s, p50 %.1f µs, p99 %.1f µs, max %.1f µs",
                    r.decisions(),
                    r.decisionsPerSecond(),
                    r.p50Micros(),
                    r.p99Micros(),
                    r.maxMicros()));
        }
        return ExitCodes.OK;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Runs {@code warmup} then {@code decisions} decisions round-robin over {@code requests}. */
    static Result measure(PolicyEngine engine, List<PolicyRequest> requests, int warmup, int decisions, String source) {
        int n = requests.size();
        for (int i = 0; i < warmup; i++) {
            engine.evaluate(requests.get(i % n));
        }
        long[] nanos = new long[decisions];
        long begin = System.nanoTime();
        for (int i = 0; i < decisions; i++) {
            long t = System.nanoTime();
            engine.evaluate(requests.get(i % n));
            nanos[i] = System.nanoTime() - t;
        }
        long total = System.nanoTime() - begin;
        Arrays.sort(nanos);
        return new Result(
                engine.packId() + "@" + engine.packVersion(),
                source,
                n,
                warmup,
                decisions,
                engine.cachesDecisions(),
                decisions / (Math.max(total, 1) / 1e9),
                percentile(nanos, 50) / 1e3,
                percentile(nanos, 99) / 1e3,
                nanos[nanos.length - 1] / 1e3);
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * Requests to every catalog product, of each classification, with text that holds nothing, an e-mail address
     * at the reserved {@code example.com} domain, or neither content at all.
     */
    static List<PolicyRequest> generated(PolicyEngine engine) {
        List<String> contents = new ArrayList<>();
        contents.add(null);
        contents.add("Summarise the release notes for the next sprint review.");
        contents.add("Please draft a reply to jane.doe@example.com about the meeting.");
        List<PolicyRequest> out = new ArrayList<>();
        int i = 0;
        for (Product p : engine.catalog().products()) {
            for (Classification c : Classification.values()) {
                String content = contents.get(i++ % contents.size());
                out.add(PolicyRequest.builder()
                        .id("bench-" + i)
                        .product(p.id())
                        .classification(c)
                        .content(content)
                        .build());
            }
        }
        if (out.isEmpty()) {
            out.add(PolicyRequest.builder()
                    .id("bench-0")
                    .destination(PolicyRequest.Destination.of("unknown", dev.clearance.Tier.CONSUMER))
                    .content(contents.get(1))
                    .build());
        }
        return out;
    }
}
