package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.PolicyRequest.Destination;
import dev.clearance.Reason;
import dev.clearance.Tier;
import dev.clearance.catalog.Product;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the default pack over generated requests and contents (made-up secrets and personal data mixed
 * into prose, emoji and CRLF). Tries per property: {@code jqwik.tries.default} (10,000 in CI).
 */
class DecisionPropertiesTest {
    // what is decided, not how fast: jqwik's tries run while other builds may share the machine, and a stalled
    // decision past the default 1 s budget would be a (correct) DENY limit.timeBudget
    private static final PolicyEngine ENGINE = PolicyEngine.builder()
            .rulePack(DefaultRulePack.v1())
            .limits(dev.clearance.EvaluationLimits.builder()
                    .timeBudget(java.time.Duration.ofSeconds(60))
                    .build())
            .build();
    private static final List<String> PRODUCTS = DefaultRulePack.catalog().products().stream()
            .map(Product::id)
            .sorted()
            .toList();

    @Property
    void denyByTheTable_isNeverAnythingButDeny(@ForAll("requests") PolicyRequest r) {
        Decision d = ENGINE.evaluate(r);

        assertThat(d.effect() == Effect.DENY)
                .as(r.destination() + " " + r.data().classification())
                .isEqualTo(Oracle.tableDenies(r));
    }

    @Property
    void anyDenyReason_meansDeny_andAllowCarriesNoOtherEffect(@ForAll("requests") PolicyRequest r) {
        Decision d = ENGINE.evaluate(r);

        for (Reason reason : d.reasons()) {
            assertThat(reason.effect() == null || reason.effect() == d.effect()).isTrue();
        }
        if (d.effect() != Effect.REDACT) {
            assertThat(d.redactions()).isEmpty();
            assertThat(d.content()).isNull();
        }
    }

    @Property
    void redactedContent_rescansWithoutSecretsOrHighRiskPii(@ForAll("requests") PolicyRequest r) {
        Decision d = ENGINE.evaluate(r);
        if (d.effect() != Effect.REDACT) {
            return;
        }
        List<Finding> left = ENGINE.scan(d.content());
        assertThat(left).as(d.content()).noneMatch(f -> f.category() == FindingCategory.SECRET);
        if (Oracle.tier(r) != Tier.LOCAL) {
            assertThat(left).as(d.content()).noneMatch(Finding::highRisk);
        }
    }

    @Property
    void restoreOfRedacted_givesBackTheOriginal(@ForAll("requests") PolicyRequest r) {
        Decision d = ENGINE.evaluate(r);
        if (d.effect() == Effect.REDACT) {
            assertThat(d.restore(d.content())).isEqualTo(r.data().content());
        }
    }

    @Property
    void decisions_areDeterministic(@ForAll("requests") PolicyRequest r) {
        Decision a = ENGINE.evaluate(r);
        Decision b = ENGINE.evaluate(r);

        assertThat(b.effect()).isEqualTo(a.effect());
        // a remediation is best effort: its probes stop at 250 ms, which a loaded machine can reach (the reasons
        // then come without it, and the decision is not cached); the rules' reasons themselves never vary
        assertThat(withoutRemediation(b.reasons())).isEqualTo(withoutRemediation(a.reasons()));
        for (int i = 0; i < a.reasons().size(); i++) {
            if (a.reasons().get(i).remediation() != null && b.reasons().get(i).remediation() != null) {
                assertThat(b.reasons().get(i).remediation())
                        .isEqualTo(a.reasons().get(i).remediation());
            }
        }
        assertThat(b.redactions()).isEqualTo(a.redactions());
        assertThat(b.content()).isEqualTo(a.content());
    }

    private static List<Reason> withoutRemediation(List<Reason> reasons) {
        return reasons.stream().map(r -> r.withRemediation(null)).toList();
    }

    @Provide
    Arbitrary<PolicyRequest> requests() {
        Arbitrary<Boolean> state = Arbitraries.of(true, false).injectNull(0.34);
        Arbitrary<Destination> catalogued = Combinators.combine(Arbitraries.of(PRODUCTS), state, state)
                .as((p, optOut, zdr) ->
                        Destination.product(p).withTrainingOptOut(optOut).withZeroDataRetention(zdr));
        Arbitrary<Destination> uncatalogued = Combinators.combine(
                        Arbitraries.of(Tier.CONSUMER, Tier.API, Tier.ENTERPRISE, Tier.LOCAL), state, state)
                .as((t, optOut, zdr) ->
                        Destination.of("acme", t).withTrainingOptOut(optOut).withZeroDataRetention(zdr));
        Arbitrary<Destination> unknown = Arbitraries.strings()
                .alpha()
                .ofMinLength(3)
                .ofMaxLength(8)
                .map(s -> Destination.product("shadow:" + s));
        Arbitrary<Destination> destinations = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, catalogued),
                net.jqwik.api.Tuple.of(2, uncatalogued),
                net.jqwik.api.Tuple.of(1, unknown));
        Arbitrary<Classification> classification =
                Arbitraries.of(Classification.class).injectNull(0.1);
        return Combinators.combine(destinations, classification, Contents.texts())
                .as((dest, c, text) -> PolicyRequest.builder()
                        .destination(dest)
                        .classification(c)
                        .content(text)
                        .build());
    }
}
