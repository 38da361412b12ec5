package dev.clearance.bench;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.rules.DefaultRulePack;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A 2 KB prompt with secrets and personal data: scanned, decided and redacted. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromptBenchmark {
    private PolicyEngine engine;
    private PolicyRequest request;

    @Setup
    public void setUp() {
        engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(DecisionLog.none())
                .build();
        request = PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.PUBLIC)
                .content(Requests.prompt2k())
                .build();
        Decision d = engine.evaluate(request);
        if (d.redactions().size() < 3) {
            throw new IllegalStateException("the 2 KB prompt should be redacted: " + d);
        }
    }

    @Benchmark
    public Decision scanDecideRedact() {
        return engine.evaluate(request);
    }
}
