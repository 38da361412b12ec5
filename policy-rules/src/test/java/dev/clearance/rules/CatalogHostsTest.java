package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Tier;
import dev.clearance.catalog.HostResolver;
import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in catalog's hosts: a log line's URL resolves to the product it reaches. */
class CatalogHostsTest {
    private static final ProviderCatalog CATALOG = DefaultRulePack.catalog();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://chatgpt.com/c/6741, openai:chatgpt-free",
        "https://chat.openai.com/, openai:chatgpt-free",
        "https://api.openai.com/v1/chat/completions, openai:api",
        "https://claude.ai/chat/abc, anthropic:claude-free",
        "https://api.anthropic.com/v1/messages, anthropic:api",
        "https://gemini.google.com/app, google:gemini-app",
        "https://generativelanguage.googleapis.com/v1beta/models, google:gemini-api-free",
        "https://aistudio.google.com/prompts/new_chat, google:gemini-api-free",
        "https://us-central1-aiplatform.googleapis.com/v1/projects/p, google:vertex-ai",
        "https://copilot.microsoft.com/chats/1, microsoft:copilot",
        "https://www.bing.com/chat?q=x, microsoft:copilot",
        "https://m365.cloud.microsoft/chat, microsoft:m365-copilot",
        "https://www.meta.ai/, meta:meta-ai",
        "https://meta.ai/, meta:meta-ai",
        "https://chat.mistral.ai/chat, mistral:le-chat-free",
        "https://api.mistral.ai/v1/chat/completions, mistral:api",
        "http://localhost:11434/api/generate, local:ollama",
        "http://127.0.0.1:11434/api/chat, local:ollama",
        "http://localhost:1234/v1/chat/completions, local:lm-studio",
    })
    void resolveUrl_wellKnownEndpoints_resolve(String url, String product) {
        assertThat(HostResolver.of(CATALOG).resolve(url)).map(Product::id).hasValue(product);
    }

    @Test
    void resolveUrl_sharedHosts_resolveToATrainingConsumerProduct() {
        for (String url : new String[] {"chatgpt.com", "claude.ai", "gemini.google.com", "chat.mistral.ai"}) {
            Product p = HostResolver.of(CATALOG).resolve(url).orElseThrow();
            assertThat(p.tier()).as(url).isEqualTo(Tier.CONSUMER);
            assertThat(p.trainsByDefault()).as(url).isTrue();
        }
    }

    @Test
    void resolveUrl_otherHostsAndPorts_resolveToNothing() {
        assertThat(HostResolver.of(CATALOG).resolve("https://www.bing.com/search?q=x"))
                .isEmpty();
        assertThat(HostResolver.of(CATALOG).resolve("http://localhost:8080/")).isEmpty();
        assertThat(HostResolver.of(CATALOG).resolve("https://github.com/")).isEmpty();
    }

    @Test
    void everyHostPattern_isWellFormed() {
        assertThat(HostResolver.of(CATALOG)).isNotNull();
    }
}
