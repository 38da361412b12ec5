package dev.clearance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Classification;
import org.junit.jupiter.api.Test;

class ClearanceRoutingTest {
    private static final ClearanceRouting ROUTING = ClearanceRouting.builder("openai:api")
            .model("claude", "anthropic:api")
            .model("claude-enterprise", "anthropic:claude-enterprise")
            .model("llama3", "local:ollama")
            .classification(Classification.CONFIDENTIAL)
            .build();

    @Test
    void product_isTheExactName_elseTheLongestPrefix_elseTheDefault() {
        assertThat(ROUTING.product("llama3")).isEqualTo("local:ollama");
        assertThat(ROUTING.product("claude-sonnet-4")).isEqualTo("anthropic:api");
        assertThat(ROUTING.product("claude-enterprise-x")).isEqualTo("anthropic:claude-enterprise");
        assertThat(ROUTING.product("gpt-4o")).isEqualTo("openai:api");
        assertThat(ROUTING.product(null)).isEqualTo("openai:api");
        assertThat(ROUTING.product(" ")).isEqualTo("openai:api");
    }

    @Test
    void classification_defaultsToTheDefaultClassification() {
        assertThat(ROUTING.classification()).isEqualTo(Classification.CONFIDENTIAL);
        assertThat(ClearanceRouting.to("openai:api").classification()).isEqualTo(Classification.DEFAULT);
        assertThat(ROUTING.toString()).contains("openai:api").contains("3 models");
    }

    @Test
    void blankNamesAreRefused() {
        assertThatThrownBy(() -> ClearanceRouting.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClearanceRouting.builder("x").model("", "y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClearanceRouting.builder("x").model("m", null))
                .isInstanceOf(NullPointerException.class);
    }
}
