package dev.clearance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import org.junit.jupiter.api.Test;

class PlainJavaExampleTest {
    private final PlainJavaExample example = new PlainJavaExample();

    @Test
    void gate_internalNotes_blockedOnTrainingConsumerTool_sentToEnterprise() {
        String prompt = "Summarize our sprint notes.";

        assertThat(example.gate("openai:chatgpt-free", Classification.INTERNAL, prompt))
                .isNull();
        assertThat(example.gate("openai:chatgpt-enterprise", Classification.INTERNAL, prompt))
                .isEqualTo(prompt);
    }

    @Test
    void gate_restrictedData_onlyToLocalModels() {
        assertThat(example.gate("google:vertex-ai", Classification.RESTRICTED, "deal terms"))
                .isNull();
        assertThat(example.gate("local:ollama", Classification.RESTRICTED, "deal terms"))
                .isEqualTo("deal terms");
    }
}
