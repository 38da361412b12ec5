package dev.clearance.bench;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Scanning the shared mix's ≈ 2 KB documents one at a time, in rotation: per-prompt p50/p99 and MB/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MixScanBenchmark {
    private List<String> docs;
    private ContentScanner scanner;
    private int next;

    @Setup
    public void setUp() {
        docs = SharedMix.load().docs;
        scanner = ContentScanner.defaults();
    }

    @Benchmark
    public List<Finding> scanDoc() {
        String doc = docs.get(next);
        next = next + 1 == docs.size() ? 0 : next + 1;
        return scanner.scan(doc);
    }
}
