package dev.clearance.bench;

import dev.clearance.Classification;
import dev.clearance.ContentScanner;
import dev.clearance.Decision;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.rules.DefaultRulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-prompt path on realistic prompts: the shared mix's ≈ 2 KB documents that hold at least one finding,
 * each scanned, decided on the default pack and redacted, in rotation; p50/p99.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MixPromptBenchmark {
    private PolicyEngine engine;
    private List<PolicyRequest> requests;
    private int next;

    @Setup
    public void setUp() {
        engine = engine();
        requests = prompts(SharedMix.load().docs);
        if (requests.isEmpty()) {
            throw new IllegalStateException("no document of the mix has a finding");
        }
    }

    static PolicyEngine engine() {
        return PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(DecisionLog.none())
                .build();
    }

    /** The documents with at least one finding, as requests to a consumer tier that redacts them. */
    static List<PolicyRequest> prompts(List<String> docs) {
        ContentScanner scanner = ContentScanner.defaults();
        List<PolicyRequest> out = new ArrayList<>();
        for (String doc : docs) {
            if (!scanner.scan(doc).isEmpty()) {
                out.add(request(doc));
            }
        }
        return out;
    }

    static PolicyRequest request(String text) {
        return PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.PUBLIC)
                .content(text)
                .build();
    }

    @Benchmark
    public Decision scanDecideRedact() {
        PolicyRequest r = requests.get(next);
        next = next + 1 == requests.size() ? 0 : next + 1;
        return engine.evaluate(r);
    }
}
