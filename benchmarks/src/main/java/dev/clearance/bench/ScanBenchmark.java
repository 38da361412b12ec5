package dev.clearance.bench;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Scanning the shared realistic mix ({@link SharedMix}) at several sizes, as prefixes of its single document,
 * against one plain pass over the same chars.
 *
 * <p>Each trial first scans the mix's ≈ 2 KB documents ({@link #WARM_UP_CHARS}, as {@code SteadyScan} does):
 * JMH's warm-up iterations are a few operations of the large sizes, and a fresh JVM whose only work is a 10 MB
 * document runs most of it in the interpreter and in profiled C1 code (a scan pass is invoked once per document,
 * so it reaches C2 only through on-stack replacement, many seconds in) — that measured the JIT's warm-up, not the
 * scanner (1.4 MB/s against 29 MB/s in process).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScanBenchmark {
    @Param({"1024", "102400", "1048576", "10485760"})
    public int size;

    private String text;
    private ContentScanner scanner;

    /** Chars of the mix's documents scanned before each trial: every pass compiled as it runs in a server. */
    static final long WARM_UP_CHARS = 60_000_000L;

    @Setup
    public void setUp(BenchmarkParams params) {
        SharedMix mix = SharedMix.load();
        text = mix.prefix(size);
        scanner = ContentScanner.defaults();
        if (params.getBenchmark().endsWith(".scan")) {
            warmUp(scanner, mix.docs);
        }
    }

    /** Scans {@code docs} in rotation until {@link #WARM_UP_CHARS} chars are scanned. */
    static long warmUp(ContentScanner scanner, List<String> docs) {
        long chars = 0;
        long findings = 0;
        for (int i = 0; chars < WARM_UP_CHARS && !docs.isEmpty(); i = i + 1 == docs.size() ? 0 : i + 1) {
            findings += scanner.scan(docs.get(i)).size();
            chars += docs.get(i).length();
        }
        return findings;
    }

    @Benchmark
    public List<Finding> scan() {
        return scanner.scan(text);
    }

    /** The scan floor: one plain pass that looks at every char (classifies it, as any scanner must). */
    @Benchmark
    public int floor() {
        String t = text;
        int letters = 0;
        for (int i = 0, n = t.length(); i < n; i++) {
            char c = t.charAt(i);
            if (c >= 'A' && (c <= 'Z' || (c >= 'a' && c <= 'z'))) {
                letters++;
            }
        }
        return letters;
    }
}
