package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import dev.clearance.ReloadEvent;
import dev.clearance.ReloadingPolicyEngine;
import dev.clearance.catalog.Product;
import dev.clearance.pack.RulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Soak: 2 threads decide while the pack is hot-reloaded every 100 ms, alternating two versions that decide alike
 * but mark their decisions. No error, no decision from a half-loaded pack or mixing two versions. Decisions:
 * {@code -Dclearance.soak.decisions} (20,000 in CI; {@code mvn verify -Psoak} runs 1,000,000).
 */
class SoakTest {
    private static final int DECISIONS = Integer.getInteger("clearance.soak.decisions", 20_000);
    private static final int MIN_RELOADS = 10;

    private static RulePack version(String v) {
        RulePack.Builder b = RulePack.builder("soak", v).catalog(DefaultRulePack.catalog());
        DefaultRulePack.v1().files().forEach(b::file);
        b.drl("marker.drl", """
                package soak;
                import dev.clearance.facts.Data;
                global dev.clearance.facts.Verdict verdict;
                rule "version.marker" when Data() then verdict.note("made by version %s"); end
                """.formatted(v));
        return b.build();
    }

    @Test
    void decisionsDuringReloads_areWholeAndCorrect() throws Exception {
        RulePack a = version("A");
        RulePack b = version("B");
        List<PolicyRequest> requests = new ArrayList<>();
        for (Product p : DefaultRulePack.catalog().products()) {
            for (Classification c : Classification.values()) {
                requests.add(PolicyRequest.builder()
                        .product(p.id())
                        .classification(c)
                        .content(c.ordinal() % 2 == 0 ? "notes for jane.doe@example.com" : "plain notes")
                        .build());
            }
        }
        List<Effect> expected = new ArrayList<>();
        try (ReloadingPolicyEngine reference = ReloadingPolicyEngine.builder(a).build()) {
            requests.forEach(r -> expected.add(reference.evaluate(r).effect()));
        }

        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        int reloads;
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(a).build()) {
            Runnable decide = () -> {
                int i = (int) Thread.currentThread().getId();
                while (!stop.get()) {
                    int k = Math.floorMod(i++, requests.size());
                    try {
                        check(engine.evaluate(requests.get(k)), expected.get(k), errors);
                    } catch (RuntimeException e) {
                        errors.add(e.getClass().getName());
                    }
                    done.incrementAndGet();
                }
            };
            Thread t1 = new Thread(decide, "soak-1");
            Thread t2 = new Thread(decide, "soak-2");
            t1.start();
            t2.start();
            reloads = 0;
            while (t1.isAlive() || t2.isAlive()) {
                Thread.sleep(100);
                ReloadEvent event = engine.reload(reloads % 2 == 0 ? b : a);
                if (!event.succeeded()) {
                    errors.add("reload failed: " + event);
                }
                reloads++;
                if (errors.size() > 20 || done.get() >= DECISIONS && reloads >= MIN_RELOADS) {
                    stop.set(true);
                }
            }
            t1.join();
            t2.join();
        }
        System.out.printf("soak: %d decisions, %d reloads, %d errors%n", done.get(), reloads, errors.size());
        assertThat(errors).isEmpty();
        assertThat(done.get()).isGreaterThanOrEqualTo(DECISIONS);
        assertThat(reloads).isGreaterThanOrEqualTo(MIN_RELOADS);
    }

    private static void check(Decision d, Effect expected, ConcurrentLinkedQueue<String> errors) {
        if (d.effect() != expected) {
            errors.add("effect " + d.effect() + " != " + expected + " " + d.ruleIds());
        }
        String v = d.packVersion();
        if (!v.equals("A") && !v.equals("B")) {
            errors.add("unknown version " + v);
        }
        boolean marked = false;
        for (Reason r : d.reasons()) {
            if (!r.packVersion().equals(v)) {
                errors.add("reason from version " + r.packVersion() + " in a decision of " + v);
            }
            if (r.ruleId().equals("version.marker")) {
                marked = true;
                if (!r.message().equals("made by version " + v)) {
                    errors.add("marker '" + r.message() + "' in a decision of " + v);
                }
            }
        }
        if (!marked) {
            errors.add("decision without its version marker: " + d.ruleIds());
        }
    }
}
