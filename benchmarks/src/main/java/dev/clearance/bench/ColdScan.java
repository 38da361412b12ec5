package dev.clearance.bench;

import dev.clearance.ContentScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Warm-up cost: a fresh JVM scans the shared mix's documents in order until {@code MB} megabytes (default 20) and
 * prints its average MB/s over them, time to build the scanner included. Run as its own process by {@link Run}.
 */
public final class ColdScan {
    private ColdScan() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long budget = (args.length > 1 ? Long.parseLong(args[1]) : 20) * 1_000_000L;
        List<String> docs = SharedMix.texts(dir.resolve("prose-10m.jsonl"));
        int[] sizes = new int[docs.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = docs.get(i).getBytes(StandardCharsets.UTF_8).length;
        }
        long started = System.nanoTime();
        ContentScanner scanner = ContentScanner.defaults();
        long bytes = 0;
        long findings = 0;
        for (int i = 0; bytes < budget; i = i + 1 == sizes.length ? 0 : i + 1) {
            findings += scanner.scan(docs.get(i)).size();
            bytes += sizes[i];
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println("cold_scan_mb_per_s=" + (bytes / 1e6 / seconds) + " findings=" + findings);
    }
}
