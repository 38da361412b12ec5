package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.decisionlog.DecisionLogRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AuditTest {
    private static final String RULES = """
            rule "allow" when Data() then verdict.allow(); end
            rule "redact" when $f : Finding() then verdict.redact($f); end
            """;

    @Test
    void audit_recordsFactsAndKeyedHash_neverTheContentOrValues() {
        List<DecisionLogRecord> records = new CopyOnWriteArrayList<>();
        String value = "tok_SUPERSECRET";
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .scanner(ContentScanner.builder()
                        .add(TestPacks.word(value, i -> Finding.secret("test-token", i, i + value.length(), 1)))
                        .build())
                .decisionLog(records::add)
                .decisionLogKey("0123456789abcdef".getBytes())
                .build();
        String content = "deploy with " + value + " now";

        Decision d = engine.evaluate(PolicyRequest.builder()
                .id("c9")
                .user("u-1", "eng")
                .product("openai:api")
                .classification(Classification.INTERNAL)
                .content(content)
                .build());

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.decisionId()).isEqualTo(d.decisionId());
            assertThat(r.requestId()).isEqualTo("c9");
            assertThat(r.effect()).isEqualTo(Effect.REDACT);
            assertThat(r.ruleIds()).containsExactly("redact");
            assertThat(r.findingCounts()).containsEntry("SECRET", 1);
            assertThat(r.contentLength()).isEqualTo(content.length());
            assertThat(r.contentHash()).hasSize(64);
            assertThat(r.tier()).isEqualTo(Tier.UNKNOWN);
            assertThat(PolicyJson.write(r))
                    .doesNotContain(value)
                    .doesNotContain("deploy")
                    .contains("\"user\":\"u-1\"");
        });
    }

    @Test
    void audit_sameContentSameKey_sameHash_otherKey_otherHash() {
        List<DecisionLogRecord> a = new CopyOnWriteArrayList<>();
        List<DecisionLogRecord> b = new CopyOnWriteArrayList<>();
        PolicyEngine one = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .scanner(ContentScanner.none())
                .decisionLog(a::add)
                .decisionLogKey("0123456789abcdef".getBytes())
                .build();
        PolicyEngine two = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .scanner(ContentScanner.none())
                .decisionLog(b::add)
                .decisionLogKey("fedcba9876543210".getBytes())
                .build();
        PolicyRequest r =
                PolicyRequest.builder().product("x").content("same text").build();

        one.evaluate(r);
        one.evaluate(r);
        two.evaluate(r);

        assertThat(a.get(0).contentHash()).isEqualTo(a.get(1).contentHash());
        assertThat(b.get(0).contentHash()).isNotEqualTo(a.get(0).contentHash());
    }

    @Test
    void audit_failingSink_neverChangesTheDecision() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .scanner(ContentScanner.none())
                .decisionLog(r -> {
                    throw new IllegalStateException("disk full");
                })
                .build();

        Decision d = engine.evaluate(
                PolicyRequest.builder().product("x").content("t").build());

        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void audit_disabledSink_isNeverCalled() {
        List<DecisionLogRecord> records = new CopyOnWriteArrayList<>();
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .scanner(ContentScanner.none())
                .decisionLog(new dev.clearance.spi.DecisionLogSink() {
                    @Override
                    public void record(DecisionLogRecord record) {
                        records.add(record);
                    }

                    @Override
                    public boolean enabled() {
                        return false;
                    }
                })
                .build();

        engine.evaluate(PolicyRequest.builder().product("x").content("t").build());

        assertThat(records).isEmpty();
    }

    @Test
    void audit_byDefault_logsNothing_slf4jOnlyWhenConfigured() {
        Logger audit = (Logger) LoggerFactory.getLogger(DecisionLog.LOGGER);
        Level before = audit.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        audit.addAppender(lines);
        audit.setLevel(Level.INFO);
        try {
            PolicyRequest r = PolicyRequest.builder().product("x").content("t").build();
            PolicyEngine byDefault = PolicyEngine.builder()
                    .rulePack(TestPacks.drl(RULES))
                    .scanner(ContentScanner.none())
                    .build();
            byDefault.evaluate(r);
            assertThat(lines.list).as("no decision log unless configured").isEmpty();

            PolicyEngine configured = PolicyEngine.builder()
                    .rulePack(TestPacks.drl(RULES))
                    .scanner(ContentScanner.none())
                    .decisionLog(DecisionLog.slf4j())
                    .build();
            Decision d = configured.evaluate(r);
            assertThat(lines.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getFormattedMessage()).contains(d.decisionId()).contains("\"effect\":\"ALLOW\"");
            });
        } finally {
            audit.detachAppender(lines);
            audit.setLevel(before);
        }
    }
}
