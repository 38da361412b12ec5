package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogAndDestinationTest {
    private static final String RULES = """
            rule "show" when $d : Destination() then
                verdict.allow($d.getTier() + " trains=" + $d.isTrainsOnData() + " zdr=" + $d.isZeroDataRetention());
            end
            """;

    private static Product product(String id, Tier tier, boolean trains, boolean optOut, boolean zdr) {
        return new Product(id, "P", null, tier, trains, optOut, null, zdr, false, null, null, null, null);
    }

    private static String resolve(ProviderCatalog catalog, PolicyRequest.Destination d) {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .catalog(catalog)
                .scanner(ContentScanner.none())
                .build();
        return engine.evaluate(PolicyRequest.builder().destination(d).build())
                .reasons()
                .get(0)
                .message();
    }

    @Test
    void product_trainsOnData_followsDefaultAndOptOut() {
        Product consumer = product("c", Tier.CONSUMER, true, true, false);
        Product noOptOut = product("m", Tier.CONSUMER, true, false, false);

        assertThat(consumer.trainsOnData(null)).isTrue();
        assertThat(consumer.trainsOnData(false)).isTrue();
        assertThat(consumer.trainsOnData(true)).isFalse();
        assertThat(noOptOut.trainsOnData(true)).isTrue();
    }

    @Test
    void resolve_cataloguedProduct_usesCatalogFacts() {
        ProviderCatalog catalog = ProviderCatalog.of(List.of(product("x:api", Tier.API, false, false, true)));

        assertThat(resolve(catalog, PolicyRequest.Destination.product("x:api").withZeroDataRetention(true)))
                .isEqualTo("API trains=false zdr=true");
    }

    @Test
    void resolve_zdrClaimedWhereNotOffered_doesNotCount() {
        ProviderCatalog catalog = ProviderCatalog.of(List.of(product("x:api", Tier.API, false, false, false)));

        assertThat(resolve(catalog, PolicyRequest.Destination.product("x:api").withZeroDataRetention(true)))
                .isEqualTo("API trains=false zdr=false");
    }

    @Test
    void resolve_unknownProduct_isUnknownAndTrains() {
        assertThat(resolve(ProviderCatalog.empty(), PolicyRequest.Destination.product("shadow:ai")))
                .isEqualTo("UNKNOWN trains=true zdr=false");
    }

    @Test
    void resolve_uncataloguedWithTier_trainsOnlyForConsumerWithoutOptOut() {
        ProviderCatalog none = ProviderCatalog.empty();
        assertThat(resolve(none, PolicyRequest.Destination.of("acme", Tier.CONSUMER)))
                .isEqualTo("CONSUMER trains=true zdr=false");
        assertThat(resolve(
                        none,
                        PolicyRequest.Destination.of("acme", Tier.CONSUMER).withTrainingOptOut(true)))
                .isEqualTo("CONSUMER trains=false zdr=false");
        assertThat(resolve(none, PolicyRequest.Destination.of("acme", Tier.API)))
                .isEqualTo("API trains=false zdr=false");
    }

    @Test
    void mergedWith_overridesSameIdAndAddsNewOnes() {
        ProviderCatalog base = ProviderCatalog.of(
                List.of(product("a", Tier.CONSUMER, true, true, false), product("b", Tier.API, false, false, false)));
        ProviderCatalog org = ProviderCatalog.of(List.of(
                product("b", Tier.ENTERPRISE, false, false, false), product("c", Tier.LOCAL, false, false, false)));

        ProviderCatalog merged = base.mergedWith(org);

        assertThat(merged.size()).isEqualTo(3);
        assertThat(merged.find("b")).get().extracting(Product::tier).isEqualTo(Tier.ENTERPRISE);
        assertThat(merged.find("a")).isPresent();
    }

    @Test
    void parse_unknownKey_isRejectedWithLine() {
        String yaml = """
                products:
                  - id: a:b
                    provider: A
                    tier: API
                    trainsByDefault: false
                    optOutAvailable: false
                    zdrAvailable: false
                    humanReview: false
                    trainz: true
                """;

        assertThatThrownBy(() -> ProviderCatalog.parse(
                        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "org/catalog.yaml"))
                .isInstanceOfSatisfying(RulePackCompilationException.class, e -> {
                    assertThat(e.diagnostics().get(0).resource()).isEqualTo("org/catalog.yaml");
                    assertThat(e.diagnostics().get(0).line()).isEqualTo(9);
                    assertThat(e.diagnostics().get(0).message()).contains("trainz");
                });
    }

    @Test
    void parse_unknownTier_isRejected() {
        String yaml = "products:\n  - {id: a, provider: A, tier: SATELLITE, trainsByDefault: false,"
                + " optOutAvailable: false, zdrAvailable: false, humanReview: false}\n";

        assertThatThrownBy(() -> ProviderCatalog.parse(
                        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "c.yaml"))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("tier");
    }
}
