package dev.clearance.bench;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.internal.detect.ScanText;
import dev.clearance.internal.detect.TextDetector;
import dev.clearance.internal.normalize.View;
import dev.clearance.internal.normalize.Views;
import dev.clearance.spi.Detector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a scan of the shared-mix documents spends its time, stage by stage: each built-in detector alone over
 * every document, the evasion analysis ({@code Views.analyze}), the scan of the views it made, and the whole
 * {@link ContentScanner#scan}. Each stage runs over all documents once per round, rounds interleaved, and the
 * least thread CPU time of a stage over the rounds is its figure, so a neighbour's burst or a collection in one
 * round does not count. A sampling profiler attributes the time of the inlined per-char loops to whatever method
 * its debug information names last; this splits it by running the stages on their own. The stages do not add up
 * to the whole scan: alone, each has the branch predictors and caches to itself.
 *
 * <p>Usage: {@code StageCost <inputs-dir> [rounds]} (default 30 rounds after 10 rounds of warm-up).
 */
public final class StageCost {
    private StageCost() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<String> texts = SharedMix.texts(dir.resolve("prose-10m.jsonl"));
        List<ScanText> docs = new ArrayList<>();
        long bytes = 0; // MB = 10^6 UTF-8 bytes, as SteadyScan's
        for (String t : texts) {
            docs.add(ScanText.of(t));
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        ContentScanner scanner = ContentScanner.defaults();
        // the built-in detectors all read a scan's shared chars, as ScanPipeline hands them over
        List<TextDetector> detectors = new ArrayList<>();
        for (Detector d : scanner.detectors()) {
            detectors.add((TextDetector) d);
        }
        long[] sink = {0};
        Consumer<Finding> count = f -> sink[0]++;
        Map<String, Runnable> stages = new LinkedHashMap<>();
        for (TextDetector detector : detectors) {
            stages.put(detector.id() + " detector", () -> {
                for (ScanText t : docs) {
                    detector.detect(t, count);
                }
            });
        }
        stages.put("Views.analyze", () -> {
            for (ScanText t : docs) {
                sink[0] += Views.analyze(t).views().size();
            }
        });
        List<ScanText> views = new ArrayList<>();
        long viewChars = 0;
        for (ScanText t : docs) {
            for (View v : Views.analyze(t).views()) {
                views.add(ScanText.of(v.text()));
                viewChars += v.text().length();
            }
        }
        stages.put("detectors over the views", () -> {
            for (ScanText v : views) {
                for (TextDetector detector : detectors) {
                    detector.detect(v, count);
                }
            }
        });
        stages.put("ContentScanner.scan", () -> {
            for (String t : texts) {
                sink[0] += scanner.scan(t).size();
            }
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> least = new LinkedHashMap<>();
        for (int r = -10; r < rounds; r++) {
            for (Map.Entry<String, Runnable> stage : stages.entrySet()) {
                long cpu = threads.getCurrentThreadCpuTime();
                stage.getValue().run();
                long spent = threads.getCurrentThreadCpuTime() - cpu;
                if (r >= 0) {
                    least.merge(stage.getKey(), spent, Math::min);
                }
            }
        }
        System.out.printf(
                "docs=%d doc_bytes=%d views=%d view_chars=%d rounds=%d (sink %d)%n",
                docs.size(), bytes, views.size(), viewChars, rounds, sink[0]);
        System.out.println("| stage | us per document | MB/s |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, Long> e : least.entrySet()) {
            double ns = e.getValue();
            System.out.printf("| %s | %.2f | %.1f |%n", e.getKey(), ns / 1e3 / docs.size(), bytes / 1e6 / (ns / 1e9));
        }
    }
}
