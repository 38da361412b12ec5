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
 * What entity recognition costs: the shared mix's ≈ 2 KB documents scanned one at a time, in rotation, by the
 * default scanner ({@code entities=off}) and by the default scanner plus the {@code clearance-entities} recognizer
 * ({@code entities=on}, all four types). The difference of the two is the cost per 2 KB prompt (issue target: at most
 * 5 ms warm); {@code off} is the patterns-only path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EntityScanBenchmark {
    @Param({"off", "on"})
    public String entities;

    private List<String> docs;
    private ContentScanner scanner;
    private int next;

    @Setup
    public void setUp() {
        docs = SharedMix.load().docs;
        ContentScanner.Builder b = ContentScanner.builder().addDefaults();
        if (entities.equals("on")) {
            b.addEntityRecognizers();
        }
        scanner = b.build();
    }

    @Benchmark
    public List<Finding> scanDoc() {
        String doc = docs.get(next);
        next = next + 1 == docs.size() ? 0 : next + 1;
        return scanner.scan(doc);
    }
}
