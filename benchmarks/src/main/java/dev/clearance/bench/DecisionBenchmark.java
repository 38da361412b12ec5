package dev.clearance.bench;

import dev.clearance.ContentScanner;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.rules.DefaultRulePack;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/** One decision without content on the default pack, against the floor and naive Drools. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {
    private PolicyEngine engine;
    private PolicyEngine uncached;
    private FloorPolicy floor;
    private NaiveDrools naive;
    private List<PolicyRequest> requests;

    /** Per-thread rotation through the request mix. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;

        PolicyRequest next(List<PolicyRequest> all) {
            i = (i + 1) & 7;
            return all.get(i);
        }
    }

    @Setup
    public void setUp() {
        engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(DecisionLog.none())
                .build();
        uncached = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(DecisionLog.none())
                .decisionCache(0)
                .scanner(ContentScanner.none())
                .build();
        floor = new FloorPolicy(DefaultRulePack.catalog());
        naive = new NaiveDrools(DefaultRulePack.v1());
        requests = Requests.DECISIONS;
        if (requests.size() != 8) {
            throw new IllegalStateException("the rotation assumes 8 requests");
        }
        for (PolicyRequest r : requests) {
            Effect expected = floor.decide(r).effect();
            if (engine.evaluate(r).effect() != expected
                    || naive.decide(r) != expected
                    || uncached.evaluate(r).effect() != expected) {
                throw new IllegalStateException("baselines disagree on " + r);
            }
        }
    }

    @Benchmark
    public Decision clearance(Cursor c) {
        return engine.evaluate(c.next(requests));
    }

    @Benchmark
    @Threads(2)
    public Decision clearanceTwoThreads(Cursor c) {
        return engine.evaluate(c.next(requests));
    }

    @Benchmark
    public Decision clearanceUncached(Cursor c) {
        return uncached.evaluate(c.next(requests));
    }

    @Benchmark
    public FloorPolicy.Answer floor(Cursor c) {
        return floor.decide(c.next(requests));
    }

    @Benchmark
    public Effect naiveDrools(Cursor c) {
        return naive.decide(c.next(requests));
    }
}
