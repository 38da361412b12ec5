package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.catalog.HostResolver;
import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostResolverTest {
    private static Product product(String id, Tier tier, boolean trains, boolean optOut, String... hosts) {
        return new Product(id, "P", null, tier, trains, optOut, null, false, false, null, null, null, List.of(hosts));
    }

    private static final ProviderCatalog CATALOG = ProviderCatalog.of(List.of(
            product("chat:free", Tier.CONSUMER, true, true, "chat.example", "www.chat.example"),
            product("chat:plus", Tier.CONSUMER, true, true, "chat.example"),
            product("chat:enterprise", Tier.ENTERPRISE, false, false, "chat.example"),
            product("chat:api", Tier.API, false, false, "api.chat.example"),
            product("search:assistant", Tier.CONSUMER, true, false, "www.search.example/chat"),
            product("cloud:regional", Tier.ENTERPRISE, false, false, "*-ai.cloud.example", "*.ai.cloud.example"),
            product("local:model", Tier.LOCAL, false, false, "localhost:11434", "[::1]:11434")));

    private static final HostResolver RESOLVER = HostResolver.of(CATALOG);

    private static String resolved(String url) {
        return RESOLVER.resolve(url).map(Product::id).orElse("-");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://api.chat.example/v1/chat/completions, chat:api",
        "api.chat.example, chat:api",
        "API.CHAT.EXAMPLE., chat:api",
        "https://user:pw@api.chat.example:443/x?q=1#f, chat:api",
        "CONNECT api.chat.example:443, chat:api",
        "//api.chat.example/v1, chat:api",
        "http://localhost:11434/api/generate, local:model",
        "localhost:11434, local:model",
        "http://[::1]:11434/api/chat, local:model",
        "https://us-central1-ai.cloud.example/v1/projects, cloud:regional",
        "https://eu.ai.cloud.example/v1, cloud:regional",
        "https://www.search.example/chat?q=hello, search:assistant",
        "https://www.search.example/chat/turn, search:assistant",
    })
    void resolve_knownUrl_givesTheProduct(String url, String product) {
        assertThat(resolved(url)).isEqualTo(product);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://unknown.example/",
                "http://localhost:8080/",
                "localhost",
                "https://www.search.example/chatter",
                "https://www.search.example/",
                "https://ai.cloud.example/",
                "https://evil-chat.example/",
                "",
                "   ",
                "http://",
                "https://host:99999/",
                "https://ho st/",
                "not a url at all"
            })
    void resolve_unknownOrMalformed_isEmpty(String url) {
        assertThat(RESOLVER.resolve(url)).isEmpty();
    }

    @Test
    void resolve_null_isEmpty() {
        assertThat(RESOLVER.resolve(null)).isEmpty();
    }

    @Test
    void resolve_sharedHost_takesTheMostConservativeProduct() {
        assertThat(resolved("https://chat.example/c/123")).isEqualTo("chat:free");
        assertThat(RESOLVER.candidates("https://chat.example/"))
                .extracting(Product::id)
                .containsExactly("chat:free", "chat:plus", "chat:enterprise");
    }

    @Test
    void resolve_noOptOutIsStricterThanOptOut() {
        ProviderCatalog c = ProviderCatalog.of(List.of(
                product("a:opt", Tier.CONSUMER, true, true, "h.example"),
                product("b:noopt", Tier.CONSUMER, true, false, "h.example")));

        assertThat(HostResolver.of(c).resolve("h.example")).map(Product::id).hasValue("b:noopt");
    }

    @Test
    void builderMap_explicitMapping_winsOverTheCatalog() {
        HostResolver r = HostResolver.builder(CATALOG)
                .map("chat.example", "chat:enterprise")
                .build();

        assertThat(r.resolve("https://chat.example/c/1")).map(Product::id).hasValue("chat:enterprise");
        assertThat(r.resolve("https://www.chat.example/")).map(Product::id).hasValue("chat:free");
    }

    @Test
    void builderMap_unknownProduct_fails() {
        assertThatThrownBy(() -> HostResolver.builder(CATALOG)
                        .map("x.example", "no:such")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no:such");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b.example", "host:port", "*", "x.example:0", "a*b.example"})
    void of_malformedHostPattern_failsNamingTheProduct(String pattern) {
        ProviderCatalog c = ProviderCatalog.of(List.of(product("bad:one", Tier.API, false, false, pattern)));

        assertThatThrownBy(() -> HostResolver.of(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad:one");
    }

    @Test
    void hostOf_keepsOnlyHostAndNonDefaultPort() {
        assertThat(HostResolver.hostOf("https://u:p@Chat.Example:443/secret/path?token=abc"))
                .hasValue("chat.example");
        assertThat(HostResolver.hostOf("http://localhost:11434/api")).hasValue("localhost:11434");
        assertThat(HostResolver.hostOf("::::")).isEmpty();
    }

    @Test
    void catalogResolveUrl_usesTheCatalogsHosts() {
        assertThat(HostResolver.of(CATALOG).resolve("https://api.chat.example/v1"))
                .map(Product::id)
                .hasValue("chat:api");
        assertThat(HostResolver.of(ProviderCatalog.empty()).resolve("https://api.chat.example/v1"))
                .isEmpty();
    }
}
