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

/**
 * Scanning the shared realistic mix ({@link SharedMix}) at several sizes, as prefixes of its single document,
 * against one plain pass over the same chars.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScanBenchmark {
    @Param({"1024", "102400", "1048576", "10485760"})
    public int size;

    private String text;
    private ContentScanner scanner;

    @Setup
    public void setUp() {
        text = SharedMix.load().prefix(size);
        scanner = ContentScanner.defaults();
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
