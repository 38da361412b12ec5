package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.RulePack;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing with jqwik's edge-case generators: whatever the input, parsing, scanning, evaluating and loading end in a
 * result or the typed exception, never another exception and never a hang.
 */
class FuzzTest {
    private static final String VALID = """
            {"id": "c1", "user": {"id": "u-1", "groups": ["eng"]},
             "destination": {"product": "openai:chatgpt-free", "trainingOptOut": true, "zeroDataRetention": false},
             "data": {"classification": "INTERNAL", "content": "mail a@b.io, key AKIAQ3EGRTWXZL7KN5PD", "labels": ["x"]},
             "purpose": "support"}
            """;
    private static final PolicyEngine ENGINE =
            PolicyEngine.builder().rulePack(TestPacks.drl("""
            rule "allow" when Data() then verdict.allow(); end
            rule "redact" when $f : Finding() then verdict.redact($f); end
            """)).build();

    @Property
    void readRequest_anyText_givesARequestOrInvalidRequestException(@ForAll("jsonish") String json) {
        try {
            PolicyRequest r = PolicyJson.readRequest(json);
            assertThat(r.destination()).isNotNull();
        } catch (InvalidRequestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property
    void readRequest_anyBytes_givesARequestOrInvalidRequestException(@ForAll("bytes") byte[] bytes) {
        try {
            PolicyJson.readRequest(bytes);
        } catch (InvalidRequestException expected) {
            assertThat(expected.field()).isNotNull();
        }
    }

    @Property
    void scan_anyText_givesValidOrderedSpans(@ForAll("texts") String text) {
        List<Finding> found = ENGINE.scan(text);

        int previous = 0;
        for (Finding f : found) {
            assertThat(f.start()).isBetween(0, text.length() - 1);
            assertThat(f.end()).isBetween(f.start() + 1, text.length());
            assertThat(f.start()).isGreaterThanOrEqualTo(previous);
            previous = f.start();
        }
    }

    @Property
    void evaluate_anyContent_neverThrowsAndRestores(@ForAll("texts") String text) {
        Decision d = ENGINE.evaluate(
                PolicyRequest.builder().product("x").content(text).build());

        assertThat(d.effect()).as(d.toString()).isIn(Effect.ALLOW, Effect.REDACT);
        if (d.effect() == Effect.REDACT) {
            assertThat(d.restore(d.content())).isEqualTo(text);
        }
    }

    @Property(tries = 300)
    void catalog_anyYaml_givesACatalogOrCompilationException(@ForAll("yamlish") String yaml) {
        try {
            ProviderCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "c.yaml");
        } catch (RulePackCompilationException expected) {
            assertThat(expected.diagnostics()).isNotEmpty();
        } catch (RuntimeException other) {
            fail("unexpected " + other);
        }
    }

    @Property(tries = 60)
    void build_mutatedDrl_compilesOrThrowsCompilationException(@ForAll("drl") String drl) {
        try {
            PolicyEngine.builder()
                    .rulePack(RulePack.builder("p", "1").drl("f.drl", drl).build())
                    .build();
        } catch (RulePackCompilationException expected) {
            assertThat(expected.diagnostics())
                    .allSatisfy(x -> assertThat(x.message()).isNotBlank());
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> mutated = Arbitraries.integers()
                .between(0, VALID.length() - 1)
                .list()
                .ofMaxSize(6)
                .flatMap(cuts -> Arbitraries.of(
                                "",
                                "{",
                                "}",
                                "[",
                                "]",
                                "\"",
                                ",",
                                ":",
                                "null",
                                "1e999",
                                "\\u0000",
                                "\uD800",
                                "\"bogus\": 1,",
                                "true",
                                "-",
                                "SECRETISH")
                        .list()
                        .ofSize(cuts.size())
                        .map(inserts -> mutate(VALID, cuts, inserts)));
        Arbitrary<String> random = Arbitraries.strings()
                .withChars("{}[]\":,0123456789abcdefnulltr \\\n")
                .ofMaxLength(200);
        Arbitrary<String> nested = Arbitraries.integers()
                .between(1, 3000)
                .map(n ->
                        "{\"destination\": {\"product\": \"x\"}, \"purpose\": " + "[".repeat(n) + "]".repeat(n) + "}");
        return Arbitraries.oneOf(
                mutated, mutated, random, nested, Arbitraries.strings().ofMaxLength(100));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of(
                "sk-",
                "sk-proj-",
                "AKIA",
                "ghp_",
                "xoxb-",
                "eyJ",
                "-----BEGIN ",
                "PRIVATE KEY-----",
                "password=",
                "key=",
                "@",
                ".",
                "://",
                "http",
                "4111",
                " ",
                "-",
                "\u0000",
                "\uD800",
                "\uDC00",
                "😀",
                "\u200B",
                "\uFF21",
                "%41",
                "==",
                "+1 ",
                "(",
                ")",
                "\r\n",
                "1",
                "a",
                "Z",
                "\"",
                "'",
                " + ",
                "\\\n",
                "IBAN GB82",
                "219-09-9999");
        Arbitrary<String> composed = pieces.list().ofMaxSize(60).map(l -> String.join("", l));
        return Arbitraries.oneOf(
                composed,
                composed,
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().numeric().ofMaxLength(300),
                Arbitraries.strings().all().ofMaxLength(100));
    }

    @Provide
    Arbitrary<String> yamlish() {
        String valid = "products:\n  - {id: a:b, provider: A, tier: API, trainsByDefault: false,"
                + " optOutAvailable: false, zdrAvailable: true, humanReview: false}\n";
        return Arbitraries.integers()
                .between(0, valid.length() - 1)
                .list()
                .ofMaxSize(4)
                .flatMap(cuts -> Arbitraries.of(
                                "",
                                ":",
                                "-",
                                "{",
                                "}",
                                "[",
                                "\n",
                                "  ",
                                "tier: NOPE",
                                "&a",
                                "*a",
                                "!!binary",
                                "\t",
                                "'",
                                "\"",
                                "? ",
                                "null")
                        .list()
                        .ofSize(cuts.size())
                        .map(inserts -> mutate(valid, cuts, inserts)));
    }

    @Provide
    Arbitrary<String> drl() {
        String valid = TestPacks.HEADER + """
                rule "r1" when Data(classification == Classification.PUBLIC) Destination(tier == Tier.API)
                then verdict.allow("ok"); end
                """;
        return Arbitraries.integers()
                .between(0, valid.length() - 1)
                .list()
                .ofMaxSize(3)
                .flatMap(cuts -> Arbitraries.of(
                                "",
                                "(",
                                ")",
                                "\"",
                                ";",
                                "end",
                                "then",
                                "when",
                                "==",
                                "Tier.NOPE",
                                "colour",
                                "rule \"x\"",
                                "$x :",
                                "\n",
                                "//",
                                "/*")
                        .list()
                        .ofSize(cuts.size())
                        .map(inserts -> mutate(valid, cuts, inserts)));
    }

    private static String mutate(String base, List<Integer> cuts, List<String> inserts) {
        StringBuilder sb = new StringBuilder(base);
        for (int i = 0; i < cuts.size(); i++) {
            int at = Math.min(cuts.get(i), sb.length());
            if (i % 2 == 0 && at < sb.length()) {
                sb.deleteCharAt(at);
            }
            sb.insert(Math.min(at, sb.length()), inserts.get(i));
        }
        return sb.toString();
    }
}
