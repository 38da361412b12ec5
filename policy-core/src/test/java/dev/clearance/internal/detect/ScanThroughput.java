package dev.clearance.internal.detect;

import dev.clearance.ContentScanner;

/** Quick throughput measurement on mixed prose and code (run by hand; prints MB/s for one core). */
public final class ScanThroughput {
    private ScanThroughput() {}

    public static void main(String[] args) {
        String unit = """
                The quarterly report is attached. Please review the numbers before Friday's meeting and let me know
                if anything looks off; the revenue line was restated after the audit in March.
                def load_config(path):
                    with open(path) as f:
                        data = yaml.safe_load(f)
                    return data.get("service", {}).get("timeout", 30)
                for (int i = 0; i < items.size(); i++) { total += items.get(i).price() * quantity; }
                Contact the on-call engineer via the pager rotation; escalation after 15 minutes.
                """;
        String text = unit.repeat((4 << 20) / unit.length());
        ContentScanner scanner = ContentScanner.defaults();
        for (int i = 0; i < 20; i++) {
            scanner.scan(text);
        }
        int rounds = 30;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            scanner.scan(text);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "%.1f MB/s (%d chars x %d rounds)%n",
                text.length() * (double) rounds / seconds / 1e6, text.length(), rounds);
    }
}
