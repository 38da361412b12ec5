package dev.clearance.bench;

import dev.clearance.Conversation;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.rules.DefaultRulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A conversation whose every request carries the whole history, as chat clients and gateways send it: the last
 * of 40 turns (39 earlier messages of ≈ 1.5 KB, ≈ 60 KB in all, plus a new one) against a single turn (the new
 * message alone), with and without the engine's findings cache. Each message is one evaluation in the
 * conversation, so its placeholders stay stable; the new message is a text never seen before on every call.
 *
 * <p>{@link #lastOfFortyTurns} is turn 40 of a conversation whose turns 1 to 39 went through the same engine
 * (set up before each call, not timed), as an application holding its {@link Conversation} sends it;
 * {@link #fortyMessagesInANewConversation} is the same 40 messages in a conversation that has seen none of them
 * (every placeholder new), for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConversationBenchmark {
    static final int TURNS = 40;
    static final int MESSAGE_CHARS = 1_500;

    @Param({"true", "false"})
    public boolean findingsCache;

    private PolicyEngine engine;
    private List<String> history;
    private List<String> fresh;
    private int next;
    private long serial;

    @Setup
    public void setUp() {
        PolicyEngine.Builder b =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).decisionLog(DecisionLog.none());
        if (findingsCache) {
            b.findingsCache(4_096, 16_000_000);
        }
        engine = b.build();
        List<String> docs = SharedMix.load().docs;
        history = new ArrayList<>();
        for (int i = 0; i < TURNS - 1; i++) {
            history.add(cut(docs.get(i)));
        }
        fresh = new ArrayList<>();
        for (int i = TURNS; i < docs.size(); i++) {
            fresh.add(cut(docs.get(i)));
        }
    }

    private static String cut(String doc) {
        return doc.length() <= MESSAGE_CHARS ? doc : doc.substring(0, MESSAGE_CHARS);
    }

    /** A message no call has sent before: a document of the mix with a serial number. */
    private String newMessage() {
        String m = fresh.get(next) + "\n(" + serial++ + ")";
        next = next + 1 == fresh.size() ? 0 : next + 1;
        return m;
    }

    private Effect turn(Conversation conversation, String message) {
        Decision d = engine.evaluate(MixPromptBenchmark.request(message), conversation);
        return d.effect();
    }

    @Benchmark
    public int singleTurn() {
        return turn(Conversation.builder().build(), newMessage()).ordinal();
    }

    /** A conversation that has had turns 1 to 39: each earlier message evaluated in it once. */
    @State(Scope.Thread)
    public static class Ongoing {
        Conversation conversation;

        @Setup(Level.Invocation)
        public void earlierTurns(ConversationBenchmark b) {
            conversation = Conversation.builder().build();
            for (String m : b.history) {
                b.turn(conversation, m);
            }
        }
    }

    @Benchmark
    public int lastOfFortyTurns(Ongoing ongoing) {
        return history(ongoing.conversation);
    }

    @Benchmark
    public int fortyMessagesInANewConversation() {
        return history(Conversation.builder().build());
    }

    private int history(Conversation conversation) {
        int denied = 0;
        for (String m : history) {
            denied += turn(conversation, m) == Effect.DENY ? 1 : 0;
        }
        return denied + turn(conversation, newMessage()).ordinal();
    }
}
