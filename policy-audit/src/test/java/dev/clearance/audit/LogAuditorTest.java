package dev.clearance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogAuditorTest {
    private static String generated;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() {
        generated = LogGenerator.seeded(7).toJsonl(3_000);
    }

    private static LogAuditor auditor() {
        return LogAuditor.builder(PolicyEngine.builder().rulePack(DefaultRulePack.v1()))
                .build();
    }

    private static AuditSummary audit(String jsonl) {
        LogAuditor a = auditor();
        LogFormat.jsonl().read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "log.jsonl", a);
        return a.summary();
    }

    @Test
    void audit_generatedLog_decidesEveryKnownDestination() {
        AuditSummary s = audit(generated);

        assertThat(s.decided() + s.issues().getOrDefault(IssueKind.UNKNOWN_HOST, 0L))
                .isEqualTo(3_000);
        assertThat(s.effects().deny()).isPositive();
        assertThat(s.effects().redact()).isPositive();
        assertThat(s.effects().allow()).isPositive();
        assertThat(s.byProduct()).containsKeys("openai:chatgpt-free", "openai:api", "local:ollama");
        assertThat(s.byTier()).containsKeys("CONSUMER", "API", "ENTERPRISE", "LOCAL");
        assertThat(s.rules()).containsKeys("secret.redact", "classification.internal-no-training");
        assertThat(s.findingTypes()).containsKeys("SECRET", "EMAIL_ADDRESS", "CREDIT_CARD");
        assertThat(s.unknownHosts()).containsKeys("www.perplexity.ai", "chat.deepseek.com");
        assertThat(s.topUsers(5)).hasSize(5);
        assertThat(s.hourly()).isNotEmpty();
        assertThat(s.firstTime()).hasValueSatisfying(t -> assertThat(t).isAfter(Instant.parse("2026-11-01T00:00:00Z")));
    }

    @Test
    void audit_sameSeed_givesTheSameSummary() {
        assertThat(audit(LogGenerator.seeded(7).toJsonl(3_000)).toJson())
                .isEqualTo(audit(generated).toJson());
    }

    @Test
    void merge_ofTwoHalves_equalsTheWhole() {
        String[] lines = generated.split("\n", -1);
        int half = lines.length / 2;
        AuditSummary a = audit(String.join("\n", List.of(lines).subList(0, half)) + "\n");
        AuditSummary b = audit(String.join("\n", List.of(lines).subList(half, lines.length)));
        AuditSummary whole = audit(generated);

        assertThat(a.merge(b).decided()).isEqualTo(whole.decided());
        assertThat(a.toJson().replaceAll("(log\\.jsonl):\\d+", "$1"))
                .isEqualTo(whole.toJson().replaceAll("(log\\.jsonl):\\d+", "$1"));
    }

    @Test
    void audit_badInput_isCountedPerKindWithSamplesAndTheRunCompletes() {
        String huge = "y ".repeat(1_100_000);
        String log = """
                {"url": "https://chatgpt.com/", "classification": "PUBLIC"}
                {broken
                {"url": "https://intranet.example/wiki", "content": "x"}
                {"user": "u-1"}
                {"url": "::::"}
                {"url": "https://claude.ai/", "content": "%s"}
                {"url": "https://claude.ai/", "classification": "PUBLIC"}
                """.formatted(huge);

        AuditSummary s = audit(log);

        assertThat(s.decided()).isEqualTo(3);
        assertThat(s.issues())
                .containsEntry(IssueKind.MALFORMED_JSON, 1L)
                .containsEntry(IssueKind.UNKNOWN_HOST, 1L)
                .containsEntry(IssueKind.MISSING_DESTINATION, 1L)
                .containsEntry(IssueKind.INVALID_URL, 1L)
                .containsEntry(IssueKind.CONTENT_TOO_LARGE, 1L);
        assertThat(s.samples(IssueKind.MALFORMED_JSON))
                .extracting(Object::toString)
                .containsExactly("log.jsonl:2");
        assertThat(s.samples(IssueKind.CONTENT_TOO_LARGE))
                .extracting(Object::toString)
                .containsExactly("log.jsonl:6");
        assertThat(s.rules()).containsKey("limit.maxContentChars");
        assertThat(s.unknownHosts()).containsOnlyKeys("intranet.example");
    }

    @Test
    void audit_decideUnknownHosts_decidesThemAsUnknownDestinations() {
        LogAuditor a = LogAuditor.builder(PolicyEngine.builder().rulePack(DefaultRulePack.v1()))
                .decideUnknownHosts(true)
                .build();
        LogFormat.jsonl()
                .read(
                        new ByteArrayInputStream(
                                "{\"url\": \"https://shadow-ai.example/chat\"}\n".getBytes(StandardCharsets.UTF_8)),
                        "l",
                        a);

        assertThat(a.summary().decided()).isEqualTo(1);
        assertThat(a.summary().byTier()).containsOnlyKeys("UNKNOWN");
        assertThat(a.summary().byProduct()).containsOnlyKeys("unknown:shadow-ai.example");
    }

    @Test
    void report_neverContainsContentMatchedValuesOrUrls() throws Exception {
        String awsKey = "AKIA" + "Q7ZKXW3M5N2P4R6T";
        String email = "jane.doe.private@example.org";
        String card = "4111 1111 1111 1111";
        String log = """
                {"time": "2026-11-20T10:00:00Z", "user": "u-7", "url": "https://chatgpt.com/c/1?q=topsecretquery", "content": "deploy with %s please"}
                {"time": "2026-11-20T11:00:00Z", "user": "u-7", "url": "https://claude.ai/chat", "content": "mail %s card %s"}
                {"time": "2026-11-20T12:00:00Z", "user": "u-8", "url": "https://api.openai.com/v1/chat/completions", "content": "codename bluebird", "classification": "PUBLIC"}
                """.formatted(awsKey, email, card);
        AuditSummary s = audit(log);

        AuditReport.write(
                s,
                new AuditReport.Run(
                        "clearance-default", "1", List.of("log.jsonl"), Instant.parse("2026-11-23T00:00:00Z")),
                tmp);

        String html = Files.readString(tmp.resolve("report.html"));
        String json = Files.readString(tmp.resolve("summary.json"));
        for (String secret : List.of(
                awsKey,
                "Q7ZKXW3M5N2P4R6T",
                email,
                card,
                "4111",
                "topsecretquery",
                "bluebird",
                "deploy with",
                "/c/1",
                "/v1/chat")) {
            assertThat(html).as("report.html").doesNotContain(secret);
            assertThat(json).as("summary.json").doesNotContain(secret);
        }
        assertThat(html)
                .contains("<svg")
                .contains("openai:chatgpt-free")
                .contains("u-7")
                .contains("SECRET")
                .doesNotContain("<script")
                .doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(json).contains("\"decided\" : 3").contains("\"SECRET\"");
    }

    @Test
    void reportHtml_escapesIdsFromTheLog() {
        AuditSummary s = audit("{\"user\": \"<img src=x onerror=alert(1)>\", \"url\": \"https://chatgpt.com/\"}\n");

        String html = AuditReport.html(s, new AuditReport.Run("p", "1", List.of("a.jsonl"), Instant.EPOCH));

        assertThat(html).doesNotContain("<img").contains("&lt;img src=x");
    }

    @Test
    void reportHtml_emptySummary_saysSo() {
        String html = AuditReport.html(new AuditSummary(), new AuditReport.Run("p", "1", List.of(), Instant.EPOCH));

        assertThat(html).contains("No request to a known AI tool was found");
    }
}
