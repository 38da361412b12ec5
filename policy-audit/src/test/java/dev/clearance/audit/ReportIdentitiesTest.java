package dev.clearance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportIdentitiesTest {
    @TempDir
    Path tmp;

    private static AuditSummary summary() {
        LogAuditor a = LogAuditor.builder(PolicyEngine.builder().rulePack(DefaultRulePack.v1()))
                .build();
        String log = """
                {"user": "alice", "url": "https://chatgpt.com/c/1", "content": "hello"}
                {"user": "bob", "url": "https://intranet-wiki.example/x", "content": "hello"}
                """;
        LogFormat.jsonl().read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "log", a);
        return a.summary();
    }

    @Test
    void forReport_pseudonymizesUnderTheKeyFile_andKeepsCatalogProducts() throws Exception {
        Path key = Files.write(tmp.resolve("k"), "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        AuditSummary s = summary();

        String hidden = ReportIdentities.forReport(
                        s, false, key, EngineSpec.defaults().catalog())
                .toJson();
        String again = ReportIdentities.forReport(
                        s, false, key, EngineSpec.defaults().catalog())
                .toJson();
        String random = ReportIdentities.forReport(
                        s, false, null, EngineSpec.defaults().catalog())
                .toJson();

        assertThat(hidden)
                .doesNotContain("alice")
                .doesNotContain("intranet-wiki")
                .contains("openai:chatgpt-free");
        assertThat(again).isEqualTo(hidden);
        assertThat(random).doesNotContain("alice").isNotEqualTo(hidden);
        assertThat(ReportIdentities.forReport(
                        s, true, key, EngineSpec.defaults().catalog()))
                .isSameAs(s);
    }

    @Test
    void readKey_refusesAShortKey_namingTheFileNotTheBytes() throws Exception {
        Path key = Files.write(tmp.resolve("short"), "tooshort".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> ReportIdentities.readKey(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 8 bytes; at least 16")
                .hasMessageNotContaining("tooshort");
        assertThatThrownBy(() -> ReportIdentities.readKey(tmp.resolve("missing")))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }
}
