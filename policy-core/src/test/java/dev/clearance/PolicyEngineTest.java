package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.RulePack;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static PolicyEngine engine(String rules) {
        return PolicyEngine.builder()
                .rulePack(TestPacks.drl(rules))
                .scanner(ContentScanner.none())
                .build();
    }

    private static PolicyRequest request(Classification c) {
        return PolicyRequest.builder()
                .id("r1")
                .destination(PolicyRequest.Destination.of("acme", Tier.API))
                .classification(c)
                .content("hello")
                .build();
    }

    @Test
    void evaluate_noRuleFires_deniesWithDefaultDeny() {
        PolicyEngine engine = engine("""
                rule "never" when Data(classification == Classification.RESTRICTED) then verdict.allow(); end
                """);

        Decision d = engine.evaluate(request(Classification.PUBLIC));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("default-deny");
        assertThat(d.id()).isEqualTo("r1");
        assertThat(d.pack()).isEqualTo("test-pack");
        assertThat(d.packVersion()).isEqualTo("7");
    }

    @Test
    void evaluate_ruleNameBecomesReasonId() {
        PolicyEngine engine = engine("""
                rule "public.ok" when Data(classification == Classification.PUBLIC) then verdict.allow("fine"); end
                """);

        Decision d = engine.evaluate(request(Classification.PUBLIC));

        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.reasons()).containsExactly(new Reason("public.ok", Effect.ALLOW, "fine", "test-pack", "7"));
    }

    @Test
    void evaluate_denyWinsOverRedactAndAllow() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                rule "a.allow" when Data() then verdict.allow(); end
                rule "b.redact" when $f : Finding() then verdict.redact($f); end
                rule "c.deny" when Destination(tier == Tier.API) then verdict.deny("no"); end
                """))
                .scanner(ContentScanner.builder()
                        .add(TestPacks.word("hello", i -> Finding.secret("w", i, i + 5, 1)))
                        .build())
                .build();

        Decision d = engine.evaluate(request(Classification.PUBLIC));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("c.deny");
        assertThat(d.content()).isNull();
        assertThat(d.redactions()).isEmpty();
    }

    @Test
    void evaluate_redactWinsOverAllow_andReplacesFindings() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                rule "a.allow" when Data() then verdict.allow(); end
                rule "b.redact" when $f : Finding(category == FindingCategory.SECRET) then verdict.redact($f); end
                """))
                .scanner(ContentScanner.builder()
                        .add(TestPacks.word("hello", i -> Finding.secret("w", i, i + 5, 1)))
                        .build())
                .build();

        Decision d = engine.evaluate(PolicyRequest.builder()
                .product("acme:x")
                .content("say hello and hello, then bye")
                .build());

        assertThat(d.effect()).isEqualTo(Effect.REDACT);
        assertThat(d.ruleIds()).containsExactly("b.redact");
        assertThat(d.content()).isEqualTo("say [SECRET_1] and [SECRET_1], then bye");
        assertThat(d.redactions()).extracting(Redaction::start).containsExactly(4, 14);
        assertThat(d.restore("model said [SECRET_1]")).isEqualTo("model said hello");
    }

    @Test
    void evaluate_ruleThrows_deniesWithDiagnosticNamingTheRule() {
        PolicyEngine engine = engine("""
                rule "a.allow" when Data() then verdict.allow(); end
                rule "boom" when Data() then throw new IllegalStateException("secret value 1234"); end
                """);

        Decision d = engine.evaluate(request(Classification.PUBLIC));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("evaluation-error");
        assertThat(d.diagnostics()).singleElement().satisfies(diag -> {
            assertThat(diag.severity()).isEqualTo(Severity.ERROR);
            assertThat(diag.ruleId()).isEqualTo("boom");
            assertThat(diag.message()).contains("IllegalStateException").doesNotContain("1234");
        });
    }

    @Test
    void evaluate_runawayRules_denyNamingTheLimit() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                rule "a.allow" when Data() then verdict.allow(); end
                rule "loop" when $d : Data() then insert(new Context("x")); end
                rule "loop2" when $c : Context() then insert(new Context("y")); end
                """))
                .scanner(ContentScanner.none())
                .limits(EvaluationLimits.builder().maxRuleFirings(50).build())
                .build();

        Decision d = engine.evaluate(request(Classification.PUBLIC));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("limit.maxRuleFirings");
        assertThat(d.reasons().get(0).message()).contains("EvaluationLimits.maxRuleFirings()");
    }

    @Test
    void evaluate_contentOverLimit_deniesNamingTheSetting() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                rule "a.allow" when Data() then verdict.allow(); end
                """))
                .limits(EvaluationLimits.builder().maxContentChars(4).build())
                .build();

        Decision d = engine.evaluate(request(Classification.PUBLIC));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("limit.maxContentChars");
    }

    @Test
    void build_syntaxError_throwsWithFileAndLine() {
        RulePack pack = TestPacks.drl("""
                rule "broken"
                when
                    Data(classification == )
                then
                    verdict.allow();
                end
                """);

        assertThatThrownBy(() -> PolicyEngine.builder().rulePack(pack).build())
                .isInstanceOfSatisfying(RulePackCompilationException.class, e -> {
                    assertThat(e.diagnostics()).isNotEmpty();
                    Diagnostic first = e.diagnostics().get(0);
                    assertThat(first.resource()).isEqualTo("rules/test.drl");
                    assertThat(first.line()).isEqualTo(7);
                });
    }

    @Test
    void build_unknownField_reportsThePatternLine() {
        RulePack pack = TestPacks.drl("""
                rule "unknown-field"
                when
                    Data(colour == "red")
                then
                    verdict.allow();
                end
                """);

        assertThatThrownBy(() -> PolicyEngine.builder().rulePack(pack).build())
                .isInstanceOfSatisfying(RulePackCompilationException.class, e -> {
                    Diagnostic first = e.diagnostics().get(0);
                    assertThat(first.resource()).isEqualTo("rules/test.drl");
                    assertThat(first.line()).isEqualTo(7);
                    assertThat(first.message()).contains("colour");
                });
    }

    @Test
    void build_unknownEnumConstant_isLocatedOnItsLine() {
        RulePack pack = TestPacks.drl("""
                rule "unknown-enum"
                when
                    Data()
                    Destination(tier == Tier.SATELLITE)
                then
                    verdict.allow();
                end
                """);

        assertThatThrownBy(() -> PolicyEngine.builder().rulePack(pack).build())
                .isInstanceOfSatisfying(RulePackCompilationException.class, e -> {
                    Diagnostic first = e.diagnostics().get(0);
                    assertThat(first.resource()).isEqualTo("rules/test.drl");
                    assertThat(first.line()).isEqualTo(8);
                    assertThat(first.column()).isPositive();
                });
    }

    @Test
    void build_packWithoutVerdictGlobal_isRejected() {
        RulePack pack = RulePack.builder("p", "1").drl("a.drl", """
                package x;
                rule "r" when then end
                """).build();

        assertThatThrownBy(() -> PolicyEngine.builder().rulePack(pack).build())
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("global dev.clearance.facts.Verdict verdict");
    }

    @Test
    void build_withoutPack_failsFast() {
        assertThatThrownBy(() -> PolicyEngine.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void evaluate_customFinding_raisesEffectiveClassification() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                rule "allow" when Data() then verdict.allow(); end
                rule "no-confidential" when Data(classification == Classification.CONFIDENTIAL,
                        declaredClassification == Classification.PUBLIC) then verdict.deny("raised"); end
                """))
                .scanner(ContentScanner.builder()
                        .add(TestPacks.word(
                                "Nightjar",
                                i -> Finding.custom(
                                        "codenames", "codenames", i, i + 8, Classification.CONFIDENTIAL, false)))
                        .build())
                .build();

        assertThat(engine.evaluate(request(Classification.PUBLIC)).effect()).isEqualTo(Effect.ALLOW);
        Decision d = engine.evaluate(PolicyRequest.builder()
                .product("x")
                .classification(Classification.PUBLIC)
                .content("status of Nightjar")
                .build());
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("no-confidential");
    }

    @Test
    void scan_returnsFindingsInOrder() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("rule \"r\" when then end"))
                .scanner(ContentScanner.builder()
                        .add(TestPacks.word("ab", i -> Finding.secret("w", i, i + 2, 1)))
                        .build())
                .build();

        List<Finding> found = engine.scan("ab ab");

        assertThat(found).extracting(Finding::start).containsExactly(0, 3);
    }

    @Test
    void evaluate_fiftyMegabytesOfContent_deniesOnTheDefaultLimitWithoutScanning() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(TestPacks.drl("""
                rule "a.allow" when Data() then verdict.allow(); end
                """)).build();
        String huge = "a".repeat(50 * 1024 * 1024);

        Decision d = engine.evaluate(
                PolicyRequest.builder().product("x").content(huge).build());

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("limit.maxContentChars");
        assertThat(d.reasons().get(0).message()).contains("1048576").contains("EvaluationLimits.maxContentChars()");
    }

    @Test
    void evaluate_emptyAndBlankContent_areDecidedOnClassificationAlone() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(TestPacks.drl("""
                rule "a.allow" when Data() then verdict.allow(); end
                rule "b.redact" when $f : Finding() then verdict.redact($f); end
                """)).build();

        for (String content : new String[] {"", " ", "\r\n\t  ", "\u0000\u0000"}) {
            Decision d = engine.evaluate(
                    PolicyRequest.builder().product("x").content(content).build());
            assertThat(d.effect()).as("[" + content + "]").isEqualTo(Effect.ALLOW);
        }
    }

    @Test
    void evaluate_tooManyFindings_deniesNamingTheSetting() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                rule "a.allow" when Data() then verdict.allow(); end
                """))
                .scanner(ContentScanner.builder()
                        .add(TestPacks.word("x", i -> Finding.secret("w", i, i + 1, 1)))
                        .build())
                .limits(EvaluationLimits.builder().maxFindings(10).build())
                .build();

        Decision d = engine.evaluate(
                PolicyRequest.builder().product("x").content("x".repeat(11)).build());

        assertThat(d.ruleIds()).containsExactly("limit.maxFindings");
        assertThat(d.effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void evaluate_slowRules_denyOnTheTimeBudget(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        // busy loops take unrestricted rule code: a signed pack under allowUnrestrictedCode()
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.unrestricted(dir, """
                rule "a.allow" when Data() then verdict.allow(); end
                rule "slow" when $d : Data() then
                    long until = System.nanoTime() + 50000000L;
                    while (System.nanoTime() < until) { }
                    insert(new Context("again" + System.nanoTime()));
                end
                rule "slow-again" when $c : Context(purpose.startsWith("again")) then
                    long until = System.nanoTime() + 50000000L;
                    while (System.nanoTime() < until) { }
                end
                """))
                .scanner(ContentScanner.none())
                .limits(EvaluationLimits.builder()
                        .timeBudget(java.time.Duration.ofMillis(20))
                        .build())
                .build();

        Decision d = engine.evaluate(request(Classification.PUBLIC));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("limit.timeBudget");
    }
}
