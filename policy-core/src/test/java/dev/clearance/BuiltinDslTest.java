package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.authoring.CaseRunner;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.authoring.PolicyCase;
import dev.clearance.authoring.Situation;
import dev.clearance.authoring.Situation.FindingKind;
import dev.clearance.authoring.SituationOutcome;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every sentence of the built-in DSL compiles and means what it says. */
class BuiltinDslTest {
    /** Rule name to its one condition sentence. */
    private static final Map<String, String> SENTENCES = new LinkedHashMap<>();

    static {
        SENTENCES.put("at-least", "the data is at least CONFIDENTIAL");
        SENTENCES.put("below", "the data is below CONFIDENTIAL");
        SENTENCES.put("is", "the data is CONFIDENTIAL");
        SENTENCES.put("declared", "the declared classification is INTERNAL");
        SENTENCES.put("raised", "organization terms raised the classification");
        SENTENCES.put("labelled", "the data is labelled \"source-code\"");
        SENTENCES.put("not-labelled", "the data is not labelled \"source-code\"");
        SENTENCES.put("data", "there is data");
        SENTENCES.put("not-local", "the destination is not a LOCAL tool");
        SENTENCES.put("api", "the destination is a API tool");
        SENTENCES.put("product", "the destination is the product \"acme:chat\"");
        SENTENCES.put("provider", "the destination is run by \"analysis\"");
        SENTENCES.put("uncatalogued", "the destination is not in the catalog");
        SENTENCES.put("no-training", "the destination does not train on data");
        SENTENCES.put("training", "the destination trains on data");
        SENTENCES.put("no-retention", "the destination does not retain data");
        SENTENCES.put("retention", "the destination retains data");
        SENTENCES.put("no-zdr", "the destination has no zero data retention");
        SENTENCES.put("zdr", "the destination has zero data retention");
        SENTENCES.put("human-review", "people at the provider may read the data");
        SENTENCES.put("not-opted-out", "the account did not opt out of training");
        SENTENCES.put("opted-out", "the account opted out of training");
        SENTENCES.put("opt-out-unknown", "the training opt-out is unknown");
        SENTENCES.put("no-secret", "there is no secret");
        SENTENCES.put("secret", "there is a secret");
        SENTENCES.put("no-pii", "there is no personal data");
        SENTENCES.put("high-risk", "there is high-risk personal data");
        SENTENCES.put("low-risk", "there is personal data that is not high-risk");
        SENTENCES.put("pii", "there is personal data");
        SENTENCES.put("term-redact", "there is an organization term that asks for redaction");
        SENTENCES.put("term", "there is an organization term");
        SENTENCES.put("type", "there is a finding of type \"US_SSN\"");
        SENTENCES.put("category", "there is a finding of category SECRET");
        SENTENCES.put("not-in-group", "the user is not in group \"contractors\"");
        SENTENCES.put("in-group", "the user is in group \"contractors\"");
        SENTENCES.put("purpose", "the purpose is \"code-assistance\"");
    }

    private static final PolicyEngine ENGINE = engine();

    private static PolicyEngine engine() {
        StringBuilder dslr = new StringBuilder("""
                package test.dsl;
                import dev.clearance.*;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;

                """);
        SENTENCES.forEach((name, sentence) -> dslr.append("rule \"")
                .append(name)
                .append("\"\nwhen\n    ")
                .append(sentence)
                .append("\nthen\n    note \"")
                .append(name)
                .append("\"\nend\n\n"));
        dslr.append("""
                rule "deny"
                when
                    the data is RESTRICTED
                then
                    deny because "restricted"
                end

                rule "allow-because"
                when
                    the data is PUBLIC
                then
                    allow the request because "public"
                end

                rule "allow"
                when
                    there is data
                then
                    allow the request
                end

                rule "redact-because"
                when
                    there is a secret
                then
                    redact the finding because "secret"
                end

                rule "redact"
                when
                    there is high-risk personal data
                then
                    redact the finding
                end
                """);
        RulePack pack = RulePack.builder("dsl", "1")
                .builtinDsl()
                .file(RuleFile.of("all.dslr", dslr.toString()))
                .build();
        return PolicyEngine.builder()
                .rulePack(pack)
                .scanner(ContentScanner.none())
                .build();
    }

    private static Set<String> fired(
            Classification c, Tier tier, boolean trains, boolean zdr, Boolean optOut, FindingKind... findings) {
        return PackAnalysis.decide(ENGINE, new Situation(c, tier, trains, zdr, optOut, Set.of(findings)))
                .firedRules();
    }

    private static Set<String> fired(PolicyRequest request) {
        return CaseRunner.of(ENGINE)
                .run(new PolicyCase("", "probe", request, new PolicyCase.Expectation(Effect.ALLOW, null, null)))
                .firedRules();
    }

    @Test
    void everySentence_compilesIntoOneRule() {
        assertThat(ENGINE.ruleIds()).hasSize(SENTENCES.size() + 5).containsAll(SENTENCES.keySet());
    }

    @Test
    void classificationSentences_compareTheEffectiveClassification() {
        assertThat(fired(Classification.RESTRICTED, Tier.LOCAL, false, false, null))
                .contains("at-least")
                .doesNotContain("below", "is", "raised");
        assertThat(fired(Classification.INTERNAL, Tier.LOCAL, false, false, null))
                .contains("below", "declared")
                .doesNotContain("at-least", "raised");
        assertThat(fired(Classification.INTERNAL, Tier.LOCAL, false, false, null, FindingKind.CUSTOM))
                .contains("is", "at-least", "declared", "raised", "term")
                .doesNotContain("below", "term-redact");
    }

    @Test
    void destinationSentences_readTheResolvedDestination() {
        assertThat(fired(Classification.PUBLIC, Tier.API, true, false, Boolean.FALSE))
                .contains("not-local", "api", "training", "retention", "no-zdr", "not-opted-out", "provider")
                .doesNotContain(
                        "no-training",
                        "no-retention",
                        "zdr",
                        "opted-out",
                        "opt-out-unknown",
                        "uncatalogued",
                        "human-review");
        assertThat(fired(Classification.PUBLIC, Tier.LOCAL, false, true, Boolean.TRUE))
                .contains("no-training", "no-retention", "zdr", "opted-out")
                .doesNotContain("not-local", "api", "training", "retention", "no-zdr");
        assertThat(fired(Classification.PUBLIC, Tier.UNKNOWN, true, false, null))
                .contains("uncatalogued", "opt-out-unknown");
    }

    @Test
    void findingSentences_matchTheirCategory() {
        assertThat(fired(Classification.PUBLIC, Tier.API, false, true, null))
                .contains("no-secret", "no-pii")
                .doesNotContain("secret", "pii", "high-risk", "low-risk", "term", "type", "category");
        assertThat(fired(
                        Classification.PUBLIC,
                        Tier.API,
                        false,
                        true,
                        null,
                        FindingKind.SECRET,
                        FindingKind.HIGH_RISK_PII))
                .contains("secret", "category", "high-risk", "pii", "type")
                .doesNotContain("no-secret", "no-pii", "low-risk");
        assertThat(fired(
                        Classification.PUBLIC, Tier.API, false, true, null, FindingKind.PII, FindingKind.CUSTOM_REDACT))
                .contains("low-risk", "pii", "term", "term-redact")
                .doesNotContain("high-risk", "type");
    }

    @Test
    void userPurposeLabelAndProductSentences_readTheRequest() {
        PolicyRequest contractor = PolicyRequest.builder()
                .product("acme:chat")
                .user("u1", "contractors")
                .labels("source-code")
                .purpose("code-assistance")
                .build();
        assertThat(fired(contractor))
                .contains("in-group", "labelled", "purpose", "product")
                .doesNotContain("not-in-group", "not-labelled");
        PolicyRequest other = PolicyRequest.builder()
                .product("acme:other")
                .user("u2", "engineering")
                .build();
        assertThat(fired(other))
                .contains("not-in-group", "not-labelled")
                .doesNotContain("in-group", "labelled", "purpose", "product");
    }

    @Test
    void consequenceSentences_actOnTheVerdict() {
        SituationOutcome restricted = PackAnalysis.decide(
                ENGINE, new Situation(Classification.RESTRICTED, Tier.LOCAL, false, false, null, Set.of()));
        assertThat(restricted.effect()).isEqualTo(Effect.DENY);
        assertThat(restricted.ruleIds()).startsWith("deny").doesNotContain("allow", "allow-because");
        SituationOutcome redacted = PackAnalysis.decide(
                ENGINE,
                new Situation(
                        Classification.PUBLIC,
                        Tier.LOCAL,
                        false,
                        false,
                        null,
                        Set.of(FindingKind.SECRET, FindingKind.HIGH_RISK_PII)));
        assertThat(redacted.effect()).isEqualTo(Effect.REDACT);
        assertThat(redacted.ruleIds()).contains("redact-because", "redact");
        assertThat(redacted.redactedTypes()).containsExactlyInAnyOrder("SECRET", "US_SSN");
        assertThat(PackAnalysis.decide(
                                ENGINE, new Situation(Classification.PUBLIC, Tier.LOCAL, false, false, null, Set.of()))
                        .ruleIds())
                .contains("allow-because", "allow");
    }
}
