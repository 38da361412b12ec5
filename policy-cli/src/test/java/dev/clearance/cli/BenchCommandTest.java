package dev.clearance.cli;

import static dev.clearance.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearance.cli.CliRun.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clearance bench}: what it reports and what it refuses. No timing is asserted, only counts and shape. */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void onCaseFiles_json_statesWarmupAndCounts() throws Exception {
        Path pack = tmp.resolve("pack");
        assertThat(run("init", pack.toString()).code()).isZero();
        Result r = run(
                "bench",
                "--format",
                "json",
                "--warmup",
                "7",
                "--decisions",
                "50",
                pack.toString(),
                pack.resolve(InitCommand.CASES).toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("source").asText()).isEqualTo("cases");
        assertThat(doc.get("requests").asInt()).isEqualTo(4);
        assertThat(doc.get("warmupDecisions").asInt()).isEqualTo(7);
        assertThat(doc.get("decisions").asInt()).isEqualTo(50);
        assertThat(doc.get("decisionsPerSecond").asDouble()).isPositive();
        assertThat(doc.get("p99Micros").asDouble())
                .isGreaterThanOrEqualTo(doc.get("p50Micros").asDouble());
        assertThat(doc.get("maxMicros").asDouble())
                .isGreaterThanOrEqualTo(doc.get("p99Micros").asDouble());
    }

    @Test
    void withoutCases_generatesRequests_text() {
        Result r = run("bench", "--warmup", "0", "--decisions", "20", "--no-cache");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("generated requests")
                .contains("decision cache off")
                .contains("warm-up: 0 decisions (not measured)")
                .containsPattern("20 decisions: \\d+ decisions/s, p50 [0-9.]+ µs, p99 [0-9.]+ µs");
    }

    @Test
    void badCounts_areUsageErrors() {
        assertThat(run("bench", "--decisions", "0").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("bench", "--format", "junit").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void percentile_nearestRank() {
        long[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(BenchCommand.percentile(v, 50)).isEqualTo(5);
        assertThat(BenchCommand.percentile(v, 99)).isEqualTo(10);
        assertThat(BenchCommand.percentile(new long[] {42}, 99)).isEqualTo(42);
    }
}
