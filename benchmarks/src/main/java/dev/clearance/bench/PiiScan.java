package dev.clearance.bench;

import dev.clearance.internal.detect.pii.PiiDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The personal-data detector alone ({@link PiiDetector}, no views, no secrets) over the shared mix's ≈ 2 KB
 * documents in rotation: {@code warmup} seconds, then {@code seconds} measured on the scanning thread's CPU time.
 * Prints the findings of one pass over the documents (an A/B run compares them), the CPU time per document and the
 * MB/s (MB = 10^6 UTF-8 bytes). Usage: {@code PiiScan <inputs-dir> [warmup-s] [seconds]}.
 */
public final class PiiScan {
    private PiiScan() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        List<String> docs = SharedMix.texts(dir.resolve("prose-10m.jsonl"));
        int[] sizes = new int[docs.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = docs.get(i).getBytes(StandardCharsets.UTF_8).length;
        }
        PiiDetector pii = new PiiDetector();
        long[] findings = {0};
        for (String d : docs) {
            pii.detect(d, f -> findings[0]++);
        }
        System.out.println("docs=" + docs.size() + " pii_findings_per_pass=" + findings[0]);
        long[] sink = {0};
        long end = System.nanoTime() + (long) (warmup * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            pii.detect(docs.get(i), f -> sink[0]++);
            i = i + 1 == sizes.length ? 0 : i + 1;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        long count = 0;
        long cpu = threads.getCurrentThreadCpuTime();
        end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            pii.detect(docs.get(i), f -> sink[0]++);
            bytes += sizes[i];
            count++;
            i = i + 1 == sizes.length ? 0 : i + 1;
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf(
                "pii_cpu_us_per_doc=%.2f pii_cpu_mb_per_s=%.1f docs_scanned=%d sink=%d%n",
                cpuSeconds * 1e6 / count, bytes / 1e6 / cpuSeconds, count, sink[0] % 10);
    }
}
