package dev.clearance.bench;

import dev.clearance.ContentScanner;
import dev.clearance.hostile.HostileUnits;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Hostile inputs at steady state: {@code ContentScanner.defaults()} on each of the tests' hostile units
 * ({@link HostileUnits}, each repeated to 50 KB) and on the shared generator's {@code adversarial.jsonl} (≈ 50 KB
 * each, when {@code gen_prose.py --adversarial} wrote it into the inputs directory), against the 10 ms bound per
 * input.
 *
 * <p>The JVM first scans the mix's documents ({@link ScanBenchmark#WARM_UP_CHARS}, the profile a server's JIT
 * compiles against), then every hostile input {@code warm-rounds} times; then it times every input in
 * {@code rounds} rounds, the inputs in the same order each round, and reports per input the median and the maximum
 * of its rounds, and the median of the scanning thread's CPU time (on a machine shared with other work the wall
 * figures measure the neighbours too). The bound is stated for the wall median (steady state, idle machine); the
 * maximum shows the spread. A name is the
 * unit's text with its line breaks and non-ASCII chars escaped, or the generator's case id: no scanned content
 * beyond the project's own units is printed. Usage: {@code AdversarialScan <inputs-dir> [warm-rounds] [rounds]}.
 * Run as its own process by {@link Run}; the last line holds the summary's figures.
 */
public final class AdversarialScan {
    private AdversarialScan() {}

    /** The per-input bound, in milliseconds. */
    static final double BOUND_MS = 10;

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int warmRounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String unit : HostileUnits.UNITS) {
            names.add("[" + HostileUnits.name(unit) + "]");
            texts.add(HostileUnits.repeat(unit, HostileUnits.SIZE));
        }
        Path shared = dir.resolve("adversarial.jsonl");
        if (Files.isRegularFile(shared)) {
            List<String> ids = SharedMix.ids(shared);
            List<String> cases = SharedMix.texts(shared);
            for (int i = 0; i < cases.size(); i++) {
                names.add("gen_prose:" + ids.get(i));
                texts.add(cases.get(i));
            }
        }
        ContentScanner scanner = ContentScanner.defaults();
        Path docs = dir.resolve("prose-10m.jsonl");
        if (Files.isRegularFile(docs)) {
            ScanBenchmark.warmUp(scanner, SharedMix.texts(docs));
        }
        for (int r = 0; r < warmRounds; r++) {
            for (String t : texts) {
                scanner.scan(t);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] ms = new double[texts.size()][rounds];
        double[][] cpuMs = new double[texts.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < texts.size(); k++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                scanner.scan(texts.get(k));
                ms[k][r] = (System.nanoTime() - t0) / 1e6;
                cpuMs[k][r] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            }
        }
        Integer[] order = new Integer[texts.size()];
        double[] median = new double[texts.size()];
        double[] max = new double[texts.size()];
        double[] cpuMedian = new double[texts.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
            Arrays.sort(ms[k]);
            Arrays.sort(cpuMs[k]);
            median[k] = ms[k][rounds / 2];
            max[k] = ms[k][rounds - 1];
            cpuMedian[k] = cpuMs[k][rounds / 2];
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> -median[k]));
        int over = 0;
        double worstMax = 0;
        double worstCpu = 0;
        System.out.println("  median ms      max ms  median CPU ms  input");
        for (int k : order) {
            System.out.printf("%11.2f %11.2f %14.2f  %s%n", median[k], max[k], cpuMedian[k], names.get(k));
            over += median[k] > BOUND_MS ? 1 : 0;
            worstMax = Math.max(worstMax, max[k]);
            worstCpu = Math.max(worstCpu, cpuMedian[k]);
        }
        int worst = order[0];
        System.out.printf(
                "adversarial_inputs=%d adversarial_worst_median_ms=%.2f adversarial_worst_median_cpu_ms=%.2f"
                        + " adversarial_max_ms=%.2f adversarial_over_%.0fms=%d adversarial_worst=%s%n",
                texts.size(), median[worst], worstCpu, worstMax, BOUND_MS, over, names.get(worst));
    }
}
