package dev.clearance.internal.detect;

import dev.clearance.ContentScanner;
import dev.clearance.hostile.HostileUnits;
import dev.clearance.internal.detect.secret.SecretDetector;
import java.util.Random;

/**
 * Throughput and adversarial timings, run by hand: {@code java ... ScanBench [throughput|adversarial|all]}.
 * Mixed text is generated like the JMH benchmark's ({@code benchmarks/.../Requests.mixed}); figures are best-of-N
 * after warm-up, with the plain one-pass char loop ("floor") measured in the same conditions.
 */
public final class ScanBench {
    private static final String[] PROSE = {
        "The",
        "quarterly",
        "review",
        "shows",
        "that",
        "our",
        "migration",
        "to",
        "the",
        "new",
        "platform",
        "slipped",
        "by",
        "two",
        "weeks",
        "because",
        "of",
        "vendor",
        "delays,",
        "and",
        "the",
        "team",
        "proposes",
        "a",
        "phased",
        "rollout",
        "starting",
        "with",
        "internal",
        "users."
    };
    private static final String[] CODE = {
        "for (int i = 0; i < items.size(); i++) {",
        "  total += items.get(i);",
        "}",
        "def handler(event, context):",
        "    return {\"status\": 200}",
        "SELECT id, name FROM users;",
        "timeout_seconds = 30",
        "retries: 3",
        "url: https://docs.example.org/guide",
        "log.info(\"started\");"
    };

    private ScanBench() {}

    static String mixed(int chars, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(chars + 64);
        while (sb.length() < chars) {
            if (r.nextInt(4) == 0) {
                sb.append(CODE[r.nextInt(CODE.length)]).append('\n');
            } else {
                for (int i = 0; i < 12; i++) {
                    sb.append(PROSE[r.nextInt(PROSE.length)]).append(' ');
                }
                sb.append('\n');
            }
        }
        sb.setLength(chars);
        return sb.toString();
    }

    static int floor(String t) {
        int letters = 0;
        for (int i = 0, n = t.length(); i < n; i++) {
            char c = t.charAt(i);
            if (c >= 'A' && (c <= 'Z' || (c >= 'a' && c <= 'z'))) {
                letters++;
            }
        }
        return letters;
    }

    static volatile int sink;

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Best of N in thread CPU time (less disturbed than wall time by other processes on a shared machine). */
    static double bestNanos(Runnable r, int rounds, long budgetNanos) {
        long best = Long.MAX_VALUE;
        long t00 = System.nanoTime();
        for (int i = 0; i < rounds || System.nanoTime() - t00 < budgetNanos && i < rounds * 10; i++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            r.run();
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - t0);
        }
        return best;
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "all";
        ContentScanner scanner = ContentScanner.defaults();
        if (mode.equals("all") || mode.equals("throughput")) {
            int[] sizes = {102400, 1048576, 10485760};
            String[] texts = new String[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                texts[k] = mixed(sizes[k], 42);
            }
            for (int w = 0; w < 3; w++) {
                for (String t : texts) {
                    for (int i = 0; i < Math.max(1, 20_000_000 / t.length()); i++) {
                        sink += scanner.scan(t).size();
                        sink += floor(t);
                    }
                }
            }
            double perChar100k = 0;
            for (int k = 0; k < sizes.length; k++) {
                String t = texts[k];
                int rounds = Math.max(5, 50_000_000 / t.length());
                double scan = bestNanos(() -> sink += scanner.scan(t).size(), rounds, 3_000_000_000L);
                double fl = bestNanos(() -> sink += floor(t), rounds, 1_000_000_000L);
                double perChar = scan / t.length();
                if (k == 0) {
                    perChar100k = perChar;
                }
                System.out.printf(
                        "size %8d: scan %7.1f MB/s  floor %7.1f MB/s  scan/floor %.3f  perChar/100k %.2f%n",
                        t.length(), t.length() / scan * 1e3, t.length() / fl * 1e3, fl / scan, perChar / perChar100k);
            }
        }
        if (mode.equals("loop")) {
            String unit = args[1].replace("\\n", "\n");
            String t = unit.repeat(50 * 1024 / unit.length() + 1).substring(0, 50 * 1024);
            long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
            int count = 0;
            while (System.nanoTime() < end) {
                sink += scanner.scan(t).size();
                count++;
            }
            System.out.println(count + " scans");
        }
        if (mode.equals("parts")) {
            String t = mixed(1048576, 42);
            java.util.List<dev.clearance.spi.Detector> ds = BuiltInDetectors.all();
            for (int w = 0; w < 30; w++) {
                for (dev.clearance.spi.Detector d : ds) {
                    d.detect(t, f -> sink++);
                }
            }
            for (dev.clearance.spi.Detector d : ds) {
                double ns = bestNanos(() -> d.detect(t, f -> sink++), 30, 2_000_000_000L);
                System.out.printf("%-10s %7.1f MB/s%n", d.id(), t.length() / ns * 1e3);
            }
            int[] hits = new int[1];
            SecretDetector sd = (SecretDetector) ds.get(0);
            sd.automatonForTest().scan(t, 0, t.length(), (p, s, e) -> hits[0]++);
            System.out.println("keyword hits in 1 MB: " + hits[0]);
            double ns = bestNanos(
                    () -> sd.automatonForTest().scan(t, 0, t.length(), (p, s, e) -> sink++), 30, 2_000_000_000L);
            System.out.printf("%-10s %7.1f MB/s%n", "ac-only", t.length() / ns * 1e3);
            ns = bestNanos(() -> sink += floor(t), 30, 2_000_000_000L);
            System.out.printf("%-10s %7.1f MB/s%n", "floor", t.length() / ns * 1e3);
        }
        if (mode.equals("all") || mode.equals("adversarial")) {
            // the tests' hostile units (the benchmarks' AdversarialScan times them at steady state against 10 ms)
            String[] units = HostileUnits.UNITS.toArray(new String[0]);
            String[] texts = new String[units.length];
            for (int k = 0; k < units.length; k++) {
                texts[k] = HostileUnits.repeat(units[k], HostileUnits.SIZE);
            }
            for (int w = 0; w < 3; w++) {
                for (String t : texts) {
                    sink += scanner.scan(t).size();
                }
            }
            for (int k = 0; k < units.length; k++) {
                String t = texts[k];
                double ns = bestNanos(() -> sink += scanner.scan(t).size(), 5, 200_000_000L);
                System.out.printf("adversarial %-30s %8.2f ms%n", "[" + HostileUnits.name(units[k]) + "]", ns / 1e6);
            }
        }
    }
}
