package dev.clearance;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.RulePack;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Coverage-guided fuzzing with Jazzer, which instruments the test class's package and below (all of
 * {@code dev.clearance}). In a normal test run each target replays its stored inputs (regression mode);
 * {@code JAZZER_FUZZ=1 mvn -pl policy-core test -Dtest='CoverageGuidedFuzzTest#scanAndRedact'} fuzzes one target
 * for real for its {@code maxDuration}. A target fails on any exception other than the typed ones, and on a
 * wrong result.
 */
class CoverageGuidedFuzzTest {
    private static final String HEADER = """
            package fuzz;
            import dev.clearance.*;
            import dev.clearance.facts.*;
            global dev.clearance.facts.Verdict verdict;
            """;
    private static final PolicyEngine ENGINE = PolicyEngine.builder()
            .rulePack(RulePack.builder("fuzz", "1").drl("f.drl", HEADER + """
                    rule "allow" when Data() then verdict.allow(); end
                    rule "redact" when $f : Finding() then verdict.redact($f); end
                    """).build())
            .build();
    private static final ContentScanner SCANNER = ContentScanner.defaults();

    @FuzzTest(maxDuration = "60s")
    void requestJson(byte[] bytes) {
        try {
            PolicyRequest r = PolicyJson.readRequest(bytes);
            if (r.destination() == null) {
                throw new AssertionError("a parsed request has a destination");
            }
        } catch (InvalidRequestException expected) {
            // the typed rejection
        }
    }

    @FuzzTest(maxDuration = "60s")
    void scanAndRedact(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        List<Finding> found = SCANNER.scan(text);
        for (Finding f : found) {
            if (f.start() < 0 || f.end() > text.length() || f.start() >= f.end()) {
                throw new AssertionError("span out of range: " + f.start() + ".." + f.end());
            }
        }
        Decision d = ENGINE.evaluate(
                PolicyRequest.builder().product("x").content(text).build());
        if (d.effect() == Effect.DENY && !d.ruleIds().contains("limit.maxContentChars")) {
            throw new AssertionError("unexpected " + d.ruleIds());
        }
        if (d.effect() == Effect.REDACT && !d.restore(d.content()).equals(text)) {
            throw new AssertionError("restore(redact(x)) != x");
        }
    }

    @FuzzTest(maxDuration = "60s")
    void catalogYaml(byte[] bytes) {
        try {
            ProviderCatalog.parse(new ByteArrayInputStream(bytes), "fuzz.yaml");
        } catch (RulePackCompilationException expected) {
            // the typed rejection
        }
    }
}
