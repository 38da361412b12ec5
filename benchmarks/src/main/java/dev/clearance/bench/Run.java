package dev.clearance.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one JMH run, measures cold start and engine memory, and writes
 * {@code benchmarks/target/summary.json} plus a markdown table. Ratios come from the same run, so they hold on a
 * noisy machine.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar [--quick] [--cli policy-cli/target/clearance.jar]}
 */
public final class Run {
    private Run() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path cli = Path.of(argAfter(args, "--cli", "policy-cli/target/clearance.jar"));
        Path launcher = Path.of(argAfter(args, "--launcher", "clearance"));
        Path out = Path.of(argAfter(args, "--out", "benchmarks/target"));
        Path inputs = Path.of(argAfter(args, "--inputs", out.resolve("inputs").toString()))
                .toAbsolutePath();
        Files.createDirectories(out);
        boolean shared = SharedMix.present(inputs);
        if (!shared) {
            System.out.println("shared inputs not found in " + inputs
                    + ": scanning is measured on the project's own generator (run benchmarks/run to make them)");
        }

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("dev\\.clearance\\.bench\\..*Benchmark\\..*")
                .forks(1)
                .jvmArgsAppend("-Xms2g", "-Xmx2g", "-D" + SharedMix.PROPERTY + "=" + inputs)
                .shouldFailOnError(true);
        if (quick) {
            options.warmupIterations(3)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(4)
                    .measurementTime(TimeValue.seconds(1));
        } else {
            options.warmupIterations(5)
                    .warmupTime(TimeValue.seconds(2))
                    .measurementIterations(10)
                    .measurementTime(TimeValue.seconds(2));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Double> ns = new LinkedHashMap<>();
        Map<String, double[]> percentilesNs = new LinkedHashMap<>();
        for (RunResult r : results) {
            var p = r.getParams();
            String name = p.getBenchmark().replaceAll(".*\\.bench\\.", "");
            for (String param : p.getParamsKeys()) {
                name += "@" + p.getParam(param);
            }
            double toNs = p.getTimeUnit().toNanos(1);
            var stats = r.getPrimaryResult().getStatistics();
            ns.put(name, stats.getMean() * toNs);
            if (p.getMode() == org.openjdk.jmh.annotations.Mode.SampleTime) {
                percentilesNs.put(name, new double[] {stats.getPercentile(50) * toNs, stats.getPercentile(99) * toNs});
            }
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("inputs", shared ? "shared-gen_prose" : "project-generator");
        double clearance = ns.get("DecisionBenchmark.clearance");
        summary.put("decision_vs_floor", round(clearance / ns.get("DecisionBenchmark.floor")));
        summary.put("decision_vs_naive_drools", round(ns.get("DecisionBenchmark.naiveDrools") / clearance));
        summary.put(
                "scan_vs_floor", round(ns.get("ScanBenchmark.floor@1048576") / ns.get("ScanBenchmark.scan@1048576")));
        summary.put(
                "scan_linearity",
                round((ns.get("ScanBenchmark.scan@10485760") / 10485760.0)
                        / (ns.get("ScanBenchmark.scan@102400") / 102400.0)));
        summary.put(
                "cold_start_ms",
                Files.isExecutable(launcher)
                        ? coldStartMillis(List.of(launcher.toString()), quick ? 5 : 9)
                        : coldStartMillis(List.of(javaBin(), "-jar", cli.toString()), quick ? 5 : 9));
        summary.put(
                "cold_start_plain_java_jar_ms",
                coldStartMillis(List.of(javaBin(), "-jar", cli.toString()), quick ? 3 : 7));
        SharedMix mix = SharedMix.load();
        double docBytes = utf8Bytes(mix.docs) / (double) mix.docs.size();
        summary.put("scan_mbps_prose_2k", round(docBytes / 1e6 / (ns.get("MixScanBenchmark.scanDoc") / 1e9)));
        summary.put("scan_p50_us_prose_2k", round(percentilesNs.get("MixScanBenchmark.scanDoc")[0] / 1000));
        summary.put("scan_p99_us_prose_2k", round(percentilesNs.get("MixScanBenchmark.scanDoc")[1] / 1000));
        summary.put(
                "scan_mbps_prose_10m",
                round(utf8Bytes(List.of(mix.prefix(10485760))) / 1e6 / (ns.get("ScanBenchmark.scan@10485760") / 1e9)));
        summary.put("prompt_p50_us", round(percentilesNs.get("MixPromptBenchmark.scanDecideRedact")[0] / 1000));
        summary.put("prompt_p99_us", round(percentilesNs.get("MixPromptBenchmark.scanDecideRedact")[1] / 1000));
        summary.put("prompt_mean_us", round(ns.get("MixPromptBenchmark.scanDecideRedact") / 1000));
        summary.put(
                "conversation_last_turn_ratio",
                round(ns.get("ConversationBenchmark.lastOfFortyTurns@true")
                        / ns.get("ConversationBenchmark.singleTurn@true")));
        summary.put(
                "conversation_last_turn_ratio_without_findings_cache",
                round(ns.get("ConversationBenchmark.lastOfFortyTurns@false")
                        / ns.get("ConversationBenchmark.singleTurn@false")));
        summary.put("conversation_single_turn_us", round(ns.get("ConversationBenchmark.singleTurn@true") / 1000));
        summary.put("conversation_last_turn_us", round(ns.get("ConversationBenchmark.lastOfFortyTurns@true") / 1000));
        summary.put(
                "conversation_forty_messages_new_conversation_ratio",
                round(ns.get("ConversationBenchmark.fortyMessagesInANewConversation@true")
                        / ns.get("ConversationBenchmark.singleTurn@true")));
        summary.put("decision_cache_hit_rate_prose_2k", round(decisionHitRate(mix.docs)));
        summary.putAll(adversarial(inputs));
        if (shared) {
            summary.put("cold_scan_mbps_first_20mb", coldScanMbps(inputs));
            if (Files.isExecutable(launcher)) {
                summary.put("cli_scan_jsonl_10mb_ms", cliScanMillis(launcher, inputs.resolve("prose-10m.jsonl"), 3));
            }
        }
        summary.put("decision_ns", round(clearance));
        summary.put("decision_uncached_ns", round(ns.get("DecisionBenchmark.clearanceUncached")));
        summary.put(
                "decision_uncached_vs_naive_drools",
                round(ns.get("DecisionBenchmark.naiveDrools") / ns.get("DecisionBenchmark.clearanceUncached")));
        summary.put("floor_ns", round(ns.get("DecisionBenchmark.floor")));
        summary.put("naive_drools_ns", round(ns.get("DecisionBenchmark.naiveDrools")));
        summary.put(
                "two_thread_decisions_per_s", Math.round(2 * 1e9 / ns.get("DecisionBenchmark.clearanceTwoThreads")));
        summary.put("prompt_2kb_scan_decide_redact_us", round(ns.get("PromptBenchmark.scanDecideRedact") / 1000));
        for (String size : List.of("1024", "102400", "1048576", "10485760")) {
            summary.put(
                    "scan_mb_per_s@" + size,
                    round(Integer.parseInt(size) / 1e6 / (ns.get("ScanBenchmark.scan@" + size) / 1e9)));
        }
        summary.put(
                "scan_floor_mb_per_s@1048576", round(1048576 / 1e6 / (ns.get("ScanBenchmark.floor@1048576") / 1e9)));
        summary.put("engine_retained_bytes", retainedBytes());
        summary.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version") + ", " + System.getProperty("os.arch"));
        summary.put("mode", quick ? "quick" : "full");

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out.resolve("summary.json"), json.writeValueAsString(summary));
        StringBuilder table = new StringBuilder("| key | value |\n|---|---|\n");
        summary.forEach(
                (k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        Files.writeString(out.resolve("summary.md"), table);
        System.out.println();
        System.out.print(table);
        System.out.println("\nwritten: " + out.resolve("summary.json"));
    }

    private static long utf8Bytes(List<String> texts) {
        long n = 0;
        for (String t : texts) {
            n += t.getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }

    /** Share of the mix's documents, sent once each to a consumer tier, that the decision cache answered. */
    static double decisionHitRate(List<String> docs) {
        PolicyEngine engine = MixPromptBenchmark.engine();
        for (String d : docs) {
            engine.evaluate(MixPromptBenchmark.request(d));
        }
        return engine.cacheStats().decisionHitRate();
    }

    /** Average MB/s of a fresh JVM over its first 20 MB of the mix ({@link ColdScan}), median of 3 runs. */
    static double coldScanMbps(Path inputs) throws IOException, InterruptedException {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(Double.parseDouble(
                    figures(child(ColdScan.class, inputs.toString())).get("cold_scan_mb_per_s")));
        }
        runs.sort(null);
        return round(runs.get(1));
    }

    /**
     * The hostile inputs at steady state ({@link AdversarialScan}, its own process): how many, the worst median in
     * ms (wall, and the worst median of the scanning thread's CPU time) and which input it was, the largest single
     * run, and how many inputs' medians are over the 10 ms bound.
     */
    static Map<String, Object> adversarial(Path inputs) throws IOException, InterruptedException {
        Map<String, String> f = figures(child(AdversarialScan.class, inputs.toString()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("adversarial_inputs", Integer.parseInt(f.get("adversarial_inputs")));
        out.put("adversarial_worst_median_ms", Double.parseDouble(f.get("adversarial_worst_median_ms")));
        out.put("adversarial_worst_median_cpu_ms", Double.parseDouble(f.get("adversarial_worst_median_cpu_ms")));
        out.put("adversarial_worst", f.get("adversarial_worst"));
        out.put("adversarial_max_ms", Double.parseDouble(f.get("adversarial_max_ms")));
        out.put("adversarial_over_10ms", Integer.parseInt(f.get("adversarial_over_10ms")));
        return out;
    }

    /** The output of {@code main} run in a fresh JVM of this jar (1 GB heap); fails when it does not exit 0. */
    private static String child(Class<?> main, String... args) throws IOException, InterruptedException {
        String jar = Path.of(Run.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .toString();
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xms1g", "-Xmx1g", "-cp", jar, main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the " + main.getSimpleName() + " run failed");
        }
        return output;
    }

    /** The {@code key=value} words of the last line of {@code output}. */
    private static Map<String, String> figures(String output) {
        String[] lines = output.strip().split("\n");
        Map<String, String> out = new LinkedHashMap<>();
        for (String word : lines[lines.length - 1].split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                out.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return out;
    }

    /** Median wall milliseconds of {@code ./clearance scan --jsonl} over the mix's 10 MB of documents. */
    static long cliScanMillis(Path launcher, Path docs, int runs) throws IOException, InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(launcher.toString(), "scan", "--jsonl")
                    .redirectInput(docs.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("clearance scan --jsonl failed");
            }
            if (i > 0) { // the first run makes the launcher's class-data archive
                times.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String argAfter(String[] args, String flag, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(flag)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Median whole-process milliseconds from launching the CLI (the {@code ./clearance} launcher as shipped, or a
     * plain {@code java -jar}) to its first decision line on stdout. One unmeasured run first lets the launcher
     * make its class-data archive.
     */
    static long coldStartMillis(List<String> command, int runs) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("evaluate", "--product", "openai:api", "--classification", "INTERNAL", "--text", "hello"));
        new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(full)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (line == null || !line.contains("\"effect\"")) {
                    throw new IllegalStateException("the CLI printed no decision");
                }
                times.add(ms);
            }
            p.waitFor();
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    /** Heap retained by one default engine after a few decisions, measured after full GCs. */
    static long retainedBytes() {
        var memory = ManagementFactory.getMemoryMXBean();
        gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        for (var r : Requests.DECISIONS) {
            engine.evaluate(r);
        }
        gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        if (engine.ruleIds().isEmpty()) {
            throw new IllegalStateException();
        }
        return Math.max(0, after - before);
    }

    private static void gc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
