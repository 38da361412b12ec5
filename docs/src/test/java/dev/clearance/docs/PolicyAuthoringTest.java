package dev.clearance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Diagnostic;
import dev.clearance.Effect;
import dev.clearance.Explanation;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import dev.clearance.ReloadEvent;
import dev.clearance.ReloadingPolicyEngine;
import dev.clearance.Remediation;
import dev.clearance.Severity;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.authoring.PackDiff;
import dev.clearance.pack.PackBundle;
import dev.clearance.pack.PackPoller;
import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.DefaultRulePack;
import dev.clearance.test.PackTests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** docs/policy-authoring.md quotes the tagged regions here and in {@code src/test/resources/packs/acme}. */
class PolicyAuthoringTest {
    static final Path ACME = Path.of("src/test/resources/packs/acme");

    // tag::kit[]
    @TestFactory
    Stream<DynamicNode> acmeCases() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(RulePack.load(Path.of("src/test/resources/packs/acme")))
                .catalog(DefaultRulePack.catalog()) // the products the cases name
                .build();
        return PackTests.forEngine(engine)
                .minCoverage(0.6) // fail when fewer rules acted in some case
                .failOnAnalysisWarnings() // and on the warnings of 'clearance check'
                .cases(Path.of("src/test/resources/packs/acme/cases"));
    }
    // end::kit[]

    @Test
    void analysis_acmePack_hasNoWarnings_andFlagsTheContractorRuleAsOutsideTheDomain() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(RulePack.load(ACME)).build();
        // tag::analysis[]
        PackAnalysis analysis = PackAnalysis.of(engine); // every situation of the finite domain
        for (Diagnostic d : analysis.diagnostics()) {
            System.out.println(d.format()); // file:line:col: severity: message
        }
        boolean clean = !analysis.hasWarnings();
        // end::analysis[]
        assertThat(clean).isTrue();
        assertThat(analysis.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.INFO);
            assertThat(d.ruleId()).isEqualTo("acme.contractors-local-only");
        });
    }

    @Test
    void diff_acmeAgainstDefault_allowsConfidentialDataOnApisWithoutZeroDataRetention() {
        PolicyEngine acme = PolicyEngine.builder().rulePack(RulePack.load(ACME)).build();
        // tag::diff[]
        PackDiff diff = PackDiff.between(
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build(), acme);
        for (PackDiff.Change change : diff.effectChanges()) {
            System.out.println(change.situation().describe() + ": "
                    + change.before().effect() + " -> " + change.after().effect());
        }
        // end::diff[]
        assertThat(diff.situations()).isEqualTo(6272);
        assertThat(diff.effectChanges()).anySatisfy(c -> {
            assertThat(c.situation().describe())
                    .isEqualTo("CONFIDENTIAL to API (no training, no ZDR, opt-out unknown)");
            assertThat(c.before().effect()).isEqualTo(Effect.DENY);
            assertThat(c.after().effect()).isEqualTo(Effect.ALLOW);
        });
    }

    @Test
    void reload_swapsPacksAtomically_andKeepsTheLastGoodOne() {
        RulePack v1 = RulePack.load(ACME);
        RulePack broken = RulePack.builder("acme-policy", "2")
                .drl("rules/acme.drl", "rule \"x\" when")
                .build();
        List<ReloadEvent> events = new ArrayList<>();
        // tag::reload[]
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(v1)
                .listener(event -> {
                    if (!event.succeeded()) {
                        event.diagnostics().forEach(d -> System.err.println(d.format()));
                    }
                })
                .build()) {
            // engine.watch(packDirectory);                 // reload on change, debounced
            ReloadEvent event = engine.reload(broken); // fails: v1 keeps serving
            Decision d = engine.evaluate(
                    PolicyRequest.builder().product("local:ollama").build());
            // d.packVersion() is "1": every decision names the one pack version that made it
            // end::reload[]
            events.add(event);
            assertThat(d.packVersion()).isEqualTo("1");
        }
        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e.succeeded()).isFalse());
    }

    @Test
    void explain_saysWhyAndWhatWouldAllowIt() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        // tag::explain[]
        PolicyRequest request = PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.INTERNAL)
                .content("Draft the release notes.")
                .build();
        Decision decision = engine.explain(request); // opt-in: evaluate() attaches no explanation
        Explanation why = decision.explain().orElseThrow();
        for (Explanation.Match m : why.matches()) { // every rule that acted, overridden ones too
            System.out.println((m.decided() ? "* " : "  ") + m.ruleId() + " " + m.effect());
        }
        for (Explanation.Counterfactual c : why.counterfactuals()) {
            System.out.println(c.description() + " (" + c.hint() + ")");
            // c.applyTo(request) is the changed request; deciding it gives c.effect()
        }
        // end::explain[]
        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(why.counterfactuals())
                .anyMatch(c -> c.change() == Explanation.Change.TRAINING_OPT_OUT && c.effect() == Effect.ALLOW);
        for (Explanation.Counterfactual c : why.counterfactuals()) {
            assertThat(engine.evaluate(c.applyTo(request)).effect()).isEqualTo(c.effect());
        }
    }

    @Test
    void remediation_onTheDenyReasons() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        // tag::remediation[]
        Decision d = engine.evaluate(PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.INTERNAL)
                .build());
        for (Reason r : d.reasons()) {
            if (r.remediation() != null) { // on DENY reasons, when something would help
                Remediation what = r.remediation();
                System.out.println(what.optOut()); // Settings › Data Controls › … off
                what.alternatives().forEach(a -> System.out.println(a.product() + " " + a.effect()));
                System.out.println(what.hint()); // one sentence for the employee
            }
        }
        // end::remediation[]
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        Remediation m = d.reasons().get(0).remediation();
        assertThat(m.optOut()).contains("Data Controls");
        for (Remediation.Alternative a : m.alternatives()) {
            assertThat(engine.evaluate(PolicyRequest.builder()
                                    .product(a.product())
                                    .classification(Classification.INTERNAL)
                                    .build())
                            .effect())
                    .isEqualTo(a.effect());
        }
    }

    @Test
    void bundle_andPoller(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.security.KeyPair keys = PackTrust.generateKeyPair();
        java.security.PrivateKey privateKey = keys.getPrivate();
        java.security.PublicKey publicKey = keys.getPublic();
        Path bundleFile = tmp.resolve("acme.bundle");
        // tag::bundle[]
        PackBundle.write(ACME, privateKey, publicKey, Duration.ofDays(90), bundleFile);
        PackTrust trust = PackTrust.of(publicKey);
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(bundleFile, trust))
                        .trust(trust)
                        .build();
                PackPoller poller = PackPoller.builder(bundleFile.toUri(), engine) // or https://…
                        .trust(trust) // verified before the swap
                        .interval(Duration.ofSeconds(30)) // doubled after each failure, up to maxBackoff
                        .build()
                        .start()) {
            Decision d = engine.evaluate(
                    PolicyRequest.builder().product("local:ollama").build());
            // end::bundle[]
            assertThat(d.pack()).isEqualTo("acme-policy");
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.NOT_MODIFIED);
        }
    }

    @Test
    void acmePack_decidesTheWalkthroughRequest() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(RulePack.load(ACME))
                .catalog(DefaultRulePack.catalog())
                .build();
        Decision d = engine.evaluate(PolicyRequest.builder()
                .product("openai:api")
                .classification(Classification.CONFIDENTIAL)
                .build());
        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
    }
}
