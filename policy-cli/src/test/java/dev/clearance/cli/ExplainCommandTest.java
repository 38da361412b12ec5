package dev.clearance.cli;

import static dev.clearance.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearance.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clearance explain}: text and JSON, and never the content. */
class ExplainCommandTest {
    @TempDir
    Path tmp;

    private Path request(String product, String classification, String content) throws Exception {
        Path file = tmp.resolve("request.json");
        Files.writeString(
                file,
                new ObjectMapper()
                        .writeValueAsString(java.util.Map.of(
                                "destination", java.util.Map.of("product", product),
                                "data", java.util.Map.of("classification", classification, "content", content))));
        return file;
    }

    @Test
    void text_showsRulesFactsAndWhatWouldAllowIt() throws Exception {
        Result r = run(
                "explain",
                request("openai:chatgpt-free", "INTERNAL", "Plan the offsite agenda.")
                        .toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("DENY by ")
                .contains("destination: openai:chatgpt-free, tier CONSUMER, trains on data yes")
                .contains("* classification.internal-no-training DENY")
                .contains("DENY → ALLOW if the account had opted out of training")
                .contains("hint: opt out of training in ChatGPT Free: Settings › Data Controls")
                .contains("what to do: Opt out of training (Settings › Data Controls")
                .contains("DENY → ALLOW if the destination were openai:");
    }

    @Test
    void json_neverHoldsTheContent() throws Exception {
        String secret = FakeSensitiveValues.ALL.get(0).text();
        Result r = run(
                "explain",
                "--format",
                "json",
                request("openai:chatgpt-enterprise", "INTERNAL", "deploy " + secret + " now")
                        .toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain(FakeSensitiveValues.ALL.get(0).needle());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("effect").asText()).isEqualTo("REDACT");
        assertThat(doc.get("facts").get("findings").fieldNames().next()).startsWith("SECRET:");
        assertThat(doc.get("counterfactuals").get(0).get("change").asText()).isEqualTo("REMOVE_FINDINGS");
        assertThat(doc.get("counterfactuals").get(0).get("effect").asText()).isEqualTo("ALLOW");
    }

    @Test
    void missingRequestFile_isExit3() {
        assertThat(run("explain", tmp.resolve("absent.json").toString()).code()).isEqualTo(ExitCodes.INVALID_INPUT);
    }
}
