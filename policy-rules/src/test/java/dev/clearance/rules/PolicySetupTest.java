package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Tier;
import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.PackTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySetupTest {
    private static final String FREE = "openai:chatgpt-free";

    @TempDir
    Path tmp;

    private static Product local(String id) {
        return new Product(
                id,
                "Acme",
                "Acme " + id,
                Tier.LOCAL,
                false,
                false,
                "none",
                true,
                false,
                "test",
                "2026-12-01",
                "",
                List.of());
    }

    private Path packWithCatalog(String catalogProductId, Tier tier) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pack"));
        Files.writeString(dir.resolve("pack.yaml"), "id: layered\nversion: \"1\"\n");
        Files.writeString(
                dir.resolve("rules.drl"),
                "package t;\nimport dev.clearance.facts.*;\nglobal Verdict verdict;\n"
                        + "rule \"allow-local\" when Destination(tier == dev.clearance.Tier.LOCAL) then verdict.allow(\"local\");"
                        + " end\n");
        Files.writeString(
                dir.resolve("catalog.yaml"),
                "products:\n  - id: " + catalogProductId + "\n    provider: Acme\n"
                        + "    name: Acme\n    tier: " + tier
                        + "\n    trainsByDefault: false\n    optOutAvailable: false\n"
                        + "    retention: none\n    zdrAvailable: true\n    humanReview: false\n    source: test\n"
                        + "    checked: \"2026-12-01\"\n");
        return dir;
    }

    @Test
    void builtIn_isTheDefaultPackWithTheBuiltInCatalog() {
        PolicySetup setup = PolicySetup.builtIn();

        assertThat(setup.isBuiltIn()).isTrue();
        assertThat(setup.rulePack()).isSameAs(DefaultRulePack.v1());
        assertThat(setup.catalog().products())
                .hasSameSizeAs(DefaultRulePack.catalog().products());
    }

    @Test
    void catalog_layersBuiltInThenPackThenOrganization() throws IOException {
        PolicySetup fromPack = PolicySetup.load(packWithCatalog("acme:model", Tier.LOCAL), PackTrust.none());

        assertThat(fromPack.isBuiltIn()).isFalse();
        assertThat(fromPack.catalog().find("acme:model")).map(Product::tier).hasValue(Tier.LOCAL);
        assertThat(fromPack.catalog().find(FREE)).map(Product::tier).hasValue(Tier.CONSUMER);

        PolicySetup withOrg = fromPack.organizationCatalog(ProviderCatalog.of(List.of(local(FREE))));
        assertThat(withOrg.catalog().find(FREE)).map(Product::tier).hasValue(Tier.LOCAL);
        assertThat(fromPack.catalog().find(FREE))
                .as("setups are immutable")
                .map(Product::tier)
                .hasValue(Tier.CONSUMER);
    }

    @Test
    void engineBuilder_decidesThroughTheLayeredCatalog() throws IOException {
        PolicySetup setup = PolicySetup.load(packWithCatalog("acme:model", Tier.LOCAL), PackTrust.none());
        PolicyEngine engine = setup.engineBuilder().build();

        Decision local = engine.evaluate(PolicyRequest.builder()
                .product("acme:model")
                .classification(Classification.INTERNAL)
                .build());
        Decision consumer = engine.evaluate(PolicyRequest.builder()
                .product(FREE)
                .classification(Classification.INTERNAL)
                .build());

        assertThat(local.effect()).isEqualTo(Effect.ALLOW);
        assertThat(consumer.effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void withPack_keepsTheOrganizationCatalog() throws IOException {
        PolicySetup setup = PolicySetup.builtIn().organizationCatalog(ProviderCatalog.of(List.of(local("acme:x"))));
        PolicySetup reloaded = setup.withPack(PolicySetup.load(packWithCatalog("acme:y", Tier.LOCAL), PackTrust.none())
                .rulePack());

        assertThat(reloaded.catalog().find("acme:x")).isPresent();
        assertThat(reloaded.catalog().find("acme:y")).isPresent();
    }

    @Test
    void load_underTrust_refusesAnUnsignedPack() throws IOException {
        Path dir = packWithCatalog("acme:model", Tier.LOCAL);
        PackTrust trust = PackTrust.of(PackTrust.generateKeyPair().getPublic());

        assertThatThrownBy(() -> PolicySetup.load(dir, trust))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("not signed");
    }

    private static final String FREE_IS_LOCAL = "products:\n  - id: " + FREE + "\n    provider: OpenAI\n"
            + "    name: ChatGPT Free\n    tier: LOCAL\n    trainsByDefault: false\n    optOutAvailable: false\n"
            + "    retention: none\n    zdrAvailable: true\n    humanReview: false\n    source: test\n"
            + "    checked: \"2026-12-01\"\n";

    @Test
    void signedPack_refusesAnUnsignedOrganizationCatalog_theRedTeamCase() throws IOException {
        java.security.KeyPair keys = PackTrust.generateKeyPair();
        Path dir = packWithCatalog("acme:model", Tier.LOCAL);
        PackTrust.sign(dir, keys.getPrivate());
        PackTrust trust = PackTrust.of(keys.getPublic());
        Path unsigned = Files.writeString(tmp.resolve("org.yaml"), FREE_IS_LOCAL);
        PolicySetup setup = PolicySetup.load(dir, trust);

        assertThat(setup.rulePack().signatureVerified()).isTrue();
        assertThatThrownBy(() -> setup.organizationCatalog(unsigned))
                .isInstanceOf(dev.clearance.catalog.UntrustedCatalogException.class)
                .hasMessageContaining("is not signed by a trusted key")
                .hasMessageContaining("no signature file");
        // nor in memory, nor through a setup that has no key to check with
        assertThatThrownBy(() -> setup.organizationCatalog(ProviderCatalog.of(List.of(local(FREE)))))
                .isInstanceOf(dev.clearance.catalog.UntrustedCatalogException.class);
        assertThatThrownBy(() -> PolicySetup.of(setup.rulePack()).organizationCatalog(unsigned))
                .isInstanceOf(dev.clearance.catalog.UntrustedCatalogException.class)
                .hasMessageContaining("no trusted key");
        // the signed pack's own catalog still decides: ChatGPT Free is a consumer tool
        assertThat(setup.catalog().find(FREE)).map(Product::tier).hasValue(Tier.CONSUMER);
    }

    @Test
    void signedPack_takesAnOrganizationCatalogSignedByATrustedKey() throws IOException {
        java.security.KeyPair keys = PackTrust.generateKeyPair();
        Path dir = packWithCatalog("acme:model", Tier.LOCAL);
        PackTrust.sign(dir, keys.getPrivate());
        PackTrust trust = PackTrust.of(keys.getPublic());
        Path org = Files.writeString(tmp.resolve("org.yaml"), FREE_IS_LOCAL);
        Path sig = PackTrust.signCatalog(org, keys.getPrivate());

        PolicySetup setup = PolicySetup.load(dir, trust).organizationCatalog(org);

        assertThat(sig.getFileName()).hasToString("org.yaml.sig");
        assertThat(setup.catalog().find(FREE)).map(Product::tier).hasValue(Tier.LOCAL);
        // a reload of the signed pack keeps the signed organization layer
        assertThat(setup.withPack(PolicySetup.load(dir, trust).rulePack())
                        .catalog()
                        .find(FREE))
                .map(Product::tier)
                .hasValue(Tier.LOCAL);
        // an unsigned pack layered with an unsigned catalog, then reloaded as a signed one: refused
        PolicySetup unsignedLayers =
                PolicySetup.load(dir, PackTrust.none()).organizationCatalog(ProviderCatalog.of(List.of(local(FREE))));
        assertThatThrownBy(() -> unsignedLayers.withPack(setup.rulePack()))
                .isInstanceOf(dev.clearance.catalog.UntrustedCatalogException.class);
    }

    @Test
    void signedCatalog_changedAfterSigning_isRefused() throws IOException {
        java.security.KeyPair keys = PackTrust.generateKeyPair();
        Path dir = packWithCatalog("acme:model", Tier.LOCAL);
        PackTrust.sign(dir, keys.getPrivate());
        Path org = Files.writeString(tmp.resolve("org.yaml"), FREE_IS_LOCAL.replace("LOCAL", "CONSUMER"));
        PackTrust.signCatalog(org, keys.getPrivate());
        Files.writeString(org, FREE_IS_LOCAL);
        PolicySetup setup = PolicySetup.load(dir, PackTrust.of(keys.getPublic()));

        assertThatThrownBy(() -> setup.organizationCatalog(org))
                .isInstanceOf(dev.clearance.catalog.UntrustedCatalogException.class)
                .hasMessageContaining("invalid signature");
    }
}
