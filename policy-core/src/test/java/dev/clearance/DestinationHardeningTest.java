package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.decisionlog.DecisionLogRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Near-miss product ids, under-specified destinations, LOCAL claims and over-long fields. */
class DestinationHardeningTest {
    /** Allows RESTRICTED data only where the resolved tier is LOCAL: the bypass a near-miss id aims at. */
    private static final String RULES = """
            rule "local-only" when
                Destination( tier == Tier.LOCAL, $cat : catalogued, $flag : localClaimForCloudProvider )
            then
                verdict.allow("local catalogued=" + $cat + " flag=" + $flag);
            end
            """;

    private static final ProviderCatalog CATALOG = ProviderCatalog.of(List.of(
            new Product(
                    "acme:chat-free",
                    "Acme",
                    null,
                    Tier.CONSUMER,
                    true,
                    true,
                    null,
                    false,
                    true,
                    null,
                    null,
                    null,
                    null),
            new Product(
                    "homebrew:runner",
                    "Homebrew",
                    null,
                    Tier.LOCAL,
                    false,
                    false,
                    null,
                    false,
                    false,
                    null,
                    null,
                    null,
                    null)));

    private static PolicyEngine engine() {
        return PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .catalog(CATALOG)
                .scanner(ContentScanner.none())
                .build();
    }

    private static Decision decide(PolicyRequest.Destination d) {
        return engine().evaluate(PolicyRequest.builder()
                .destination(d)
                .classification(Classification.RESTRICTED)
                .build());
    }

    private static List<String> warnings(Decision d) {
        return d.diagnostics().stream()
                .filter(x -> x.severity() == Severity.WARNING)
                .map(Diagnostic::message)
                .toList();
    }

    @Test
    void nearMissProductId_isTheCataloguedProduct_soAClaimedLocalTierIsIgnored() {
        for (String nearMiss : List.of("ACME:Chat-Free", "acme:chat-free ", " acme:chat-free", "ａｃｍｅ:chat-free")) {
            Decision d = decide(new PolicyRequest.Destination(nearMiss, null, Tier.LOCAL, null, null));

            assertThat(d.effect()).as("near miss %d", nearMiss.length()).isEqualTo(Effect.DENY);
            assertThat(warnings(d))
                    .anySatisfy(w -> assertThat(w).contains("treated as acme:chat-free"))
                    .anySatisfy(w -> assertThat(w).contains("ignored"));
        }
    }

    @Test
    void nearMissWarning_doesNotEchoTheRequestedSpelling() {
        Decision d = decide(new PolicyRequest.Destination("ACME:CHAT-FREE", null, Tier.LOCAL, null, null));

        assertThat(d.diagnostics()).noneSatisfy(x -> assertThat(x.message()).contains("ACME:CHAT-FREE"));
    }

    @Test
    void exactSpelling_givesNoNearMissWarning() {
        Decision d = decide(PolicyRequest.Destination.product("homebrew:runner"));

        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.reasons().get(0).message()).isEqualTo("local catalogued=true flag=false");
        assertThat(warnings(d)).isEmpty();
    }

    @Test
    void idsThatFoldAlike_makeANearMissUnknown_notTheClaimedTier() {
        ProviderCatalog twins = ProviderCatalog.of(List.of(
                new Product("x:A", "X", null, Tier.API, false, false, null, false, false, null, null, null, null),
                new Product("x:a", "X", null, Tier.API, false, false, null, false, false, null, null, null, null)));
        PolicyEngine e = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .catalog(twins)
                .scanner(ContentScanner.none())
                .build();

        Decision d = e.evaluate(PolicyRequest.builder()
                .destination(new PolicyRequest.Destination(" x:a", null, Tier.LOCAL, null, null))
                .build());

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(warnings(d)).anySatisfy(w -> assertThat(w).contains("several catalog ids"));
    }

    @Test
    void tierAlone_orBlankProviderWithTier_orProviderAlone_isRefused() {
        assertThatThrownBy(() -> new PolicyRequest.Destination(null, null, Tier.LOCAL, null, null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new PolicyRequest.Destination(" ", "  ", Tier.LOCAL, null, null))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("destination.provider"));
        assertThatThrownBy(() -> new PolicyRequest.Destination(null, "acme", null, null, null))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("destination"));
        assertThatThrownBy(() -> PolicyJson.readRequest("{\"destination\":{\"tier\":\"LOCAL\"}}"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PolicyJson.readRequest("{\"destination\":{\"provider\":\"\",\"tier\":\"LOCAL\"}}"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("destination.provider"));
        assertThatThrownBy(() -> PolicyJson.readRequest("{\"destination\":{\"provider\":\"acme\"}}"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void providerAndTier_orProduct_isAccepted() {
        assertThat(PolicyJson.readRequest("{\"destination\":{\"provider\":\"x\",\"tier\":\"LOCAL\"}}")
                        .destination()
                        .tier())
                .isEqualTo(Tier.LOCAL);
        assertThat(PolicyJson.readRequest("{\"destination\":{\"product\":\"x:y\"}}")
                        .destination()
                        .product())
                .isEqualTo("x:y");
    }

    @Test
    void localClaimForCataloguedCloudProvider_isFlaggedAndWarned() {
        Decision byProvider = decide(PolicyRequest.Destination.of("ACME", Tier.LOCAL));
        Decision byIdPrefix = decide(new PolicyRequest.Destination("acme:on-prem", null, Tier.LOCAL, null, null));

        for (Decision d : List.of(byProvider, byIdPrefix)) {
            assertThat(d.reasons().get(0).message()).isEqualTo("local catalogued=false flag=true");
            assertThat(warnings(d)).anySatisfy(w -> assertThat(w).contains("LOCAL claimed"));
        }
    }

    @Test
    void localClaimForUnknownOrLocalProvider_isNotFlagged() {
        Decision unknown = decide(PolicyRequest.Destination.of("someone-else", Tier.LOCAL));
        Decision localVendor = decide(PolicyRequest.Destination.of("Homebrew", Tier.LOCAL));

        for (Decision d : List.of(unknown, localVendor)) {
            assertThat(d.reasons().get(0).message()).isEqualTo("local catalogued=false flag=false");
            assertThat(warnings(d)).isEmpty();
        }
    }

    @Test
    void overLongStringFields_denyNamingTheLimit_andAreNeitherEchoedNorLogged() {
        String huge = "u".repeat(EvaluationLimits.DEFAULT_MAX_FIELD_CHARS + 1);
        List<DecisionLogRecord> records = new CopyOnWriteArrayList<>();
        PolicyEngine e = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .catalog(CATALOG)
                .scanner(ContentScanner.none())
                .decisionLog(records::add)
                .decisionLogKey("0123456789abcdef".getBytes())
                .build();
        List<PolicyRequest> requests = List.of(
                PolicyRequest.builder().id(huge).product("homebrew:runner").build(),
                PolicyRequest.builder().user(huge).product("homebrew:runner").build(),
                PolicyRequest.builder()
                        .user("u", huge)
                        .product("homebrew:runner")
                        .build(),
                PolicyRequest.builder().product(huge).build(),
                PolicyRequest.builder()
                        .destination(PolicyRequest.Destination.of(huge, Tier.LOCAL))
                        .build(),
                PolicyRequest.builder().purpose(huge).product("homebrew:runner").build(),
                PolicyRequest.builder().labels(huge).product("homebrew:runner").build());

        for (PolicyRequest r : requests) {
            Decision d = e.evaluate(r);

            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.ruleIds()).containsExactly(ReasonIds.LIMIT_MAX_FIELD_CHARS);
            assertThat(d.reasons().get(0).message()).contains("EvaluationLimits.maxFieldChars()");
            assertThat(d.id()).isNotEqualTo(huge);
        }
        assertThat(records).hasSize(requests.size()).allSatisfy(rec -> {
            assertThat(rec.requestId()).isNotEqualTo(huge);
            assertThat(rec.userId()).isNotEqualTo(huge);
            assertThat(rec.product()).isNotEqualTo(huge);
            assertThat(rec.provider()).isNotEqualTo(huge);
        });
    }

    @Test
    void fieldsAtTheLimit_andLongListsOverTheirLimit() {
        EvaluationLimits limits =
                EvaluationLimits.builder().maxFieldChars(8).maxListItems(2).build();
        PolicyEngine e = PolicyEngine.builder()
                .rulePack(TestPacks.drl(RULES))
                .catalog(CATALOG)
                .scanner(ContentScanner.none())
                .limits(limits)
                .build();

        Decision atLimit = e.evaluate(PolicyRequest.builder()
                .id("12345678")
                .destination(PolicyRequest.Destination.of("p", Tier.LOCAL))
                .build());
        Decision tooMany = e.evaluate(PolicyRequest.builder()
                .user("u", "a", "b", "c")
                .destination(PolicyRequest.Destination.of("p", Tier.LOCAL))
                .build());

        assertThat(atLimit.effect()).isEqualTo(Effect.ALLOW);
        assertThat(atLimit.id()).isEqualTo("12345678");
        assertThat(tooMany.ruleIds()).containsExactly(ReasonIds.LIMIT_MAX_LIST_ITEMS);
        assertThat(tooMany.reasons().get(0).message()).contains("EvaluationLimits.maxListItems()");
        assertThat(limits.rebuild().build().maxFieldChars()).isEqualTo(8);
    }
}
