package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.authoring.CaseResult;
import dev.clearance.authoring.CaseRunner;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.authoring.PackDiff;
import dev.clearance.authoring.PolicyCase;
import dev.clearance.authoring.Situation;
import dev.clearance.authoring.SituationOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackAnalysisTest {
    private static final String BASE = """
            rule "deny.restricted"
            when
                Data( classification == Classification.RESTRICTED )
            then
                verdict.deny("restricted");
            end

            rule "redact.secret"
            when
                $f : Finding( category == FindingCategory.SECRET )
            then
                verdict.redact($f, "secret");
            end
            """;

    private static PolicyEngine engine(String rules) {
        return PolicyEngine.builder().rulePack(TestPacks.drl(rules)).build();
    }

    @Test
    void domain_enumeratesEveryCombinationOnce() {
        List<Situation> all = Situation.all();
        // 4 classifications x (4 tiers x 2 x 2 x 3 + UNKNOWN) x 32 finding subsets
        assertThat(all).hasSize(4 * (4 * 12 + 1) * 32).doesNotHaveDuplicates();
        assertThat(all.stream().map(Situation::key).distinct()).hasSize(all.size());
    }

    @Test
    void analysis_packWithoutBaseline_reportsDefaultDeniedSituations() {
        PackAnalysis a = PackAnalysis.of(engine(BASE));
        // no rule allows PUBLIC..CONFIDENTIAL without findings
        assertThat(a.defaultDenied())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.classification()).isNotEqualTo(Classification.RESTRICTED));
        assertThat(a.diagnostics()).anySatisfy(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.message()).contains("fall to default-deny");
        });
    }

    @Test
    void analysis_ruleThatCannotMatch_neverFiresWithItsLocation() {
        PackAnalysis a = PackAnalysis.of(engine(BASE + """
                rule "never"
                when
                    Data( classification == Classification.PUBLIC, atLeast(Classification.RESTRICTED) )
                then
                    verdict.deny("impossible");
                end
                """));
        assertThat(a.neverFired()).containsExactly("never");
        Diagnostic d = a.diagnostics().stream()
                .filter(x -> "never".equals(x.ruleId()))
                .findFirst()
                .orElseThrow();
        assertThat(d.format()).startsWith("rules/test.drl:18:1: warning: rule 'never' never fires over the");
    }

    @Test
    void analysis_allowAlwaysBeatenByDeny_isAlwaysOverridden() {
        PackAnalysis a = PackAnalysis.of(engine(BASE + """
                rule "allow.restricted"
                when
                    Data( classification == Classification.RESTRICTED )
                then
                    verdict.allow("never wins");
                end
                """));
        assertThat(a.alwaysOverridden()).containsExactly("allow.restricted");
        assertThat(a.neverFired()).isEmpty();
    }

    @Test
    void analysis_ruleOnFactsOutsideTheDomain_isOnlyInfo() {
        PackAnalysis a = PackAnalysis.of(engine(BASE + """
                rule "contractors"
                when
                    User( groups contains "contractors" )
                then
                    verdict.deny("contractors");
                end
                """));
        assertThat(a.diagnostics())
                .filteredOn(d -> "contractors".equals(d.ruleId()))
                .singleElement()
                .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void analysis_syntheticFindings_areRedactedWithoutContent() {
        SituationOutcome o = PackAnalysis.decide(
                engine(BASE + """
                rule "allow"
                when
                    Data()
                then
                    verdict.allow();
                end
                """),
                new Situation(
                        Classification.PUBLIC,
                        Tier.API,
                        false,
                        true,
                        null,
                        java.util.Set.of(Situation.FindingKind.SECRET)));
        assertThat(o.effect()).isEqualTo(Effect.REDACT);
        assertThat(o.redactedTypes()).containsExactly("SECRET");
        assertThat(o.firedRules()).containsExactlyInAnyOrder("allow", "redact.secret");
    }

    @Test
    void diff_samePack_hasNoChanges_andChangedRule_listsExactlyItsSituations() {
        PolicyEngine a = engine(BASE);
        PackDiff same = PackDiff.between(a, engine(BASE));
        assertThat(same.hasChanges()).isFalse();
        assertThat(same.situations()).isEqualTo(Situation.all().size());

        PackDiff changed = PackDiff.between(a, engine(BASE.replace("RESTRICTED", "CONFIDENTIAL")));
        // CONFIDENTIAL data, declared or raised by an organization term, is now denied
        assertThat(changed.changes())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.situation().classification() == Classification.CONFIDENTIAL
                                || c.situation().classification() == Classification.RESTRICTED
                                || c.situation().findings().contains(Situation.FindingKind.CUSTOM))
                        .isTrue());
        assertThat(changed.effectChanges()).isNotEmpty();
    }

    @Test
    void caseRunner_recordsCoverageOfEveryRuleThatActed() {
        PolicyEngine e = engine(BASE);
        CaseRunner runner = CaseRunner.of(e);
        PolicyRequest req = PolicyRequest.builder()
                .product("local:ollama")
                .classification(Classification.RESTRICTED)
                .build();
        CaseResult r = runner.run(new PolicyCase(
                "f.yaml",
                "restricted",
                req,
                new PolicyCase.Expectation(Effect.DENY, List.of("deny.restricted"), null)));
        assertThat(r.passed()).isTrue();
        assertThat(runner.coverage().unfired()).containsExactly("redact.secret");
        assertThat(runner.coverage().ratio()).isEqualTo(0.5);
        assertThat(runner.coverage().summary()).isEqualTo("1/2 rules fired (50.0%)");
    }
}
