package dev.clearance.bench;

import dev.clearance.ContentScanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Steady-state scanning speed, in process: {@code ContentScanner.defaults()} over the shared mix's ≈ 2 KB documents
 * in rotation for {@code warmup} seconds, then measured for {@code seconds} on the documents and on the 10 MB single
 * document. Prints {@code docs_mb_per_s} and {@code single_mb_per_s} (MB = 10^6 UTF-8 bytes; wall clock) and the
 * same over the scanning thread's CPU time ({@code *_cpu_mb_per_s}: on a machine shared with other builds the wall
 * figure mostly measures the neighbours), and the finding counts, which an A/B run compares. Usage:
 * {@code SteadyScan <inputs-dir> [warmup-s] [seconds]}.
 */
public final class SteadyScan {
    private SteadyScan() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        List<String> docs = SharedMix.texts(dir.resolve("prose-10m.jsonl"));
        List<String> singles = SharedMix.texts(dir.resolve("prose-10m-single.jsonl"));
        String single = singles.isEmpty() ? String.join("\n\n", docs) : singles.get(0);
        int[] sizes = new int[docs.size()];
        long docBytes = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = docs.get(i).getBytes(StandardCharsets.UTF_8).length;
            docBytes += sizes[i];
        }
        long singleBytes = single.getBytes(StandardCharsets.UTF_8).length;
        ContentScanner scanner = ContentScanner.defaults();
        long findings = 0;
        for (String d : docs) {
            findings += scanner.scan(d).size();
        }
        System.out.println("docs=" + docs.size() + " doc_bytes=" + docBytes + " findings_per_pass=" + findings);
        long end = System.nanoTime() + (long) (warmup * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            scanner.scan(docs.get(i));
            i = i + 1 == sizes.length ? 0 : i + 1;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        long cpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        end = started + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            scanner.scan(docs.get(i));
            bytes += sizes[i];
            i = i + 1 == sizes.length ? 0 : i + 1;
        }
        double docsRate = bytes / 1e6 / ((System.nanoTime() - started) / 1e9);
        double docsCpuRate = bytes / 1e6 / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
        long singleFindings = scanner.scan(single).size();
        cpu = threads.getCurrentThreadCpuTime();
        started = System.nanoTime();
        int rounds = 0;
        end = started + (long) (seconds * 1e9);
        do {
            scanner.scan(single);
            rounds++;
        } while (System.nanoTime() < end);
        double singleRate = rounds * singleBytes / 1e6 / ((System.nanoTime() - started) / 1e9);
        double singleCpuRate = rounds * singleBytes / 1e6 / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
        System.out.printf(
                "docs_mb_per_s=%.1f docs_cpu_mb_per_s=%.1f single_mb_per_s=%.1f single_cpu_mb_per_s=%.1f"
                        + " single_findings=%d single_rounds=%d%n",
                docsRate, docsCpuRate, singleRate, singleCpuRate, singleFindings, rounds);
    }
}
