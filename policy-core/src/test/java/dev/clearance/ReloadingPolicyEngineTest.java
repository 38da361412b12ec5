package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingPolicyEngineTest {
    private static final PolicyRequest REQUEST = PolicyRequest.builder()
            .product("openai:api")
            .classification(Classification.INTERNAL)
            .build();

    /** Two rules that both name the pack version in their message, so a mixed decision would show. */
    static RulePack versioned(String version) {
        return RulePack.builder("reloading", version)
                .drl("rules.drl", TestPacks.HEADER + """
                rule "allow.base"
                when
                    Data()
                then
                    verdict.allow("version %1$s");
                end

                rule "note.version"
                when
                    Destination()
                then
                    verdict.note("version %1$s");
                end
                """.formatted(version))
                .build();
    }

    @Test
    void reload_underConcurrentLoad_everyDecisionComesFromExactlyOneVersion() throws Exception {
        RulePack v1 = versioned("1");
        RulePack v2 = versioned("2");
        // what is tested is which version answers, not how fast (TestPacks.PATIENT)
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(v1)
                .engineFactory(pack -> PolicyEngine.builder()
                        .rulePack(pack)
                        .limits(TestPacks.PATIENT)
                        .build())
                .build()) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<Decision>>> readers = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(3);
            for (int t = 0; t < 3; t++) {
                readers.add(pool.submit(() -> {
                    List<Decision> seen = new ArrayList<>();
                    started.countDown();
                    while (!stop.get()) {
                        seen.add(engine.evaluate(REQUEST));
                    }
                    return seen;
                }));
            }
            started.await();
            int reloads = 0;
            for (int i = 0; i < 20; i++) {
                assertThat(engine.reload(i % 2 == 0 ? v2 : v1).succeeded()).isTrue();
                reloads++;
            }
            stop.set(true);
            List<Decision> all = new ArrayList<>();
            for (Future<List<Decision>> f : readers) {
                all.addAll(f.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(reloads).isEqualTo(20);
            assertThat(all).isNotEmpty();
            assertThat(all).extracting(Decision::packVersion).contains("1", "2");
            assertThat(all).allSatisfy(d -> {
                assertThat(d.effect()).isEqualTo(Effect.ALLOW);
                assertThat(d.reasons()).hasSize(2).allSatisfy(r -> {
                    assertThat(r.packVersion()).isEqualTo(d.packVersion());
                    assertThat(r.message()).isEqualTo("version " + d.packVersion());
                });
            });
        }
    }

    @Test
    void explain_delegatesToThePackServing_beforeAndAfterAReload() {
        try (ReloadingPolicyEngine engine =
                ReloadingPolicyEngine.builder(versioned("1")).build()) {
            Decision first = engine.explain(REQUEST);
            assertThat(first.packVersion()).isEqualTo("1");
            assertThat(first.explain()).isPresent();
            assertThat(first.explain().orElseThrow().matches())
                    .extracting(Explanation.Match::message)
                    .contains("version 1");

            assertThat(engine.reload(versioned("2")).succeeded()).isTrue();
            Decision second = engine.explain(REQUEST);
            assertThat(second.packVersion()).isEqualTo("2");
            assertThat(second.explain().orElseThrow().matches())
                    .extracting(Explanation.Match::message)
                    .contains("version 2")
                    .doesNotContain("version 1");
            // a plain evaluation carries no explanation
            assertThat(engine.evaluate(REQUEST).explain()).isEmpty();
        }
    }

    @Test
    void reload_brokenPack_keepsTheLastGoodOneAndReportsWhy() {
        List<ReloadEvent> events = new CopyOnWriteArrayList<>();
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(versioned("1"))
                .listener(events::add)
                .build()) {
            RulePack broken = RulePack.builder("reloading", "2")
                    .drl(
                            "rules.drl",
                            TestPacks.HEADER + "rule \"x\" when Data( colour == 1 ) then verdict.allow(); end\n")
                    .build();
            ReloadEvent e = engine.reload(broken);
            assertThat(e.succeeded()).isFalse();
            assertThat(e.attempted()).isEqualTo("reloading@2");
            assertThat(e.packVersion()).isEqualTo("1");
            assertThat(e.diagnostics())
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d.resource()).isEqualTo("rules.drl"));
            assertThat(events).containsExactly(e);
            assertThat(engine.evaluate(REQUEST).packVersion()).isEqualTo("1");
        }
    }

    @Test
    void reload_rejectOnWarnings_refusesAPackThatFallsToDefaultDeny() {
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(versioned("1"))
                .rejectOnWarnings(true)
                .build()) {
            RulePack denyOnly = RulePack.builder("reloading", "2")
                    .drl(
                            "rules.drl",
                            TestPacks.HEADER
                                    + "rule \"d\" when Data( classification == Classification.RESTRICTED ) then verdict.deny(\"no\"); end\n")
                    .build();
            ReloadEvent e = engine.reload(denyOnly);
            assertThat(e.succeeded()).isFalse();
            assertThat(e.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("default-deny"));
            assertThat(engine.packVersion()).isEqualTo("1");
        }
    }

    @Test
    void watch_changedPackDirectory_reloadsAfterTheDebounce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pack.yaml"), "id: watched\nversion: \"1\"\n");
        Files.writeString(
                dir.resolve("rules.drl"), versioned("1").files().get(0).text());
        List<ReloadEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch reloaded = new CountDownLatch(1);
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(dir))
                .debounce(Duration.ofMillis(100))
                .listener(e -> {
                    events.add(e);
                    if (e.succeeded() && e.packVersion().equals("2")) {
                        reloaded.countDown();
                    }
                })
                .build()) {
            engine.watch(dir);
            assertThatThrownBy(() -> engine.watch(dir)).isInstanceOf(IllegalStateException.class);
            Files.writeString(dir.resolve("rules.drl"), "rule \"half-written"); // a broken intermediate state
            Files.writeString(
                    dir.resolve("rules.drl"), versioned("2").files().get(0).text());
            Files.writeString(dir.resolve("pack.yaml"), "id: watched\nversion: \"2\"\n");
            assertThat(reloaded.await(20, TimeUnit.SECONDS))
                    .as("reloaded, events: " + events)
                    .isTrue();
            assertThat(engine.evaluate(REQUEST).packVersion()).isEqualTo("2");
        }
    }

    @Test
    void watch_brokenEdit_keepsServingAndReportsTheDiagnostics(@TempDir Path dir)
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve("pack.yaml"), "id: watched\nversion: \"1\"\n");
        Files.writeString(
                dir.resolve("rules.drl"), versioned("1").files().get(0).text());
        CountDownLatch failed = new CountDownLatch(1);
        List<ReloadEvent> events = new CopyOnWriteArrayList<>();
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(dir))
                .debounce(Duration.ofMillis(50))
                .listener(e -> {
                    events.add(e);
                    if (!e.succeeded()) {
                        failed.countDown();
                    }
                })
                .build()) {
            engine.watch(dir);
            Files.writeString(dir.resolve("rules.drl"), TestPacks.HEADER + "rule \"x\" when Data( then end\n");
            assertThat(failed.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(events.get(events.size() - 1).diagnostics()).isNotEmpty();
            assertThat(engine.evaluate(REQUEST).packVersion()).isEqualTo("1");
        }
    }
}
