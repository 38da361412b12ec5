package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-request tuning (it may only add detection, or allow-list where the pack opens a selector) and the pack's
 * path and label exclusions, in code, in {@code pack.yaml} and in request JSON; hostile requests are denied.
 */
class RequestTuningTest {
    private static final String KEY = "AKIA" + "Q7WZ3XK5M2N4P3R6";
    private static final String MAIL = "jo.doe@example.org";
    private static final String TEXT = "deploy: aws_access_key_id = " + KEY + " owner " + MAIL + "\n";

    @TempDir
    Path dir;

    private PolicyEngine engine;

    @BeforeEach
    void pack() throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), """
                id: t
                version: "1"
                # tag::tuning-exclude[]
                tuning:
                  requestAllow: [EMAIL_ADDRESS]        # requests may allow-list e-mail addresses, nothing else
                  exclude:                             # findings dropped for requests of a path or a label
                    - {paths: ["**/test/fixtures/**", "docs/*.md"], types: [EMAIL_ADDRESS]}
                    - {labels: [synthetic-data], types: [PII]}
                # end::tuning-exclude[]
                """);
        Files.writeString(dir.resolve("a.drl"), TestPacks.HEADER + """
                rule "secret" when Finding(category == FindingCategory.SECRET) then verdict.deny("secret"); end
                rule "mail" when $f : Finding(type == "EMAIL_ADDRESS") then verdict.redact($f); end
                rule "allow" when Data() then verdict.allow(); end
                """);
        engine = PolicyEngine.builder()
                .rulePack(RulePack.load(dir))
                .limits(TestPacks.PATIENT)
                .build();
    }

    private static PolicyRequest.Builder request() {
        return PolicyRequest.builder().product("openai:chatgpt-enterprise").content(TEXT);
    }

    private static List<String> types(List<Finding> findings) {
        return findings.stream().map(Finding::type).distinct().toList();
    }

    @Test
    void packYamlReadsExclusionsAndRequestAllow() throws IOException {
        DetectionTuning t = RulePack.load(dir).tuning();
        assertThat(t.hasExclusions()).isTrue();
        assertThat(t.requestAllow()).containsExactly("EMAIL_ADDRESS");
    }

    @Test
    void aPathExclusionDropsOnlyItsTypesAndOnlyOnMatchingPaths() {
        assertThat(types(engine.scan(TEXT))).contains("SECRET", "EMAIL_ADDRESS");
        DetectionTuning.Scope fixture = new DetectionTuning.Scope("src/test/fixtures/users.txt", List.of());
        assertThat(types(engine.scan(TEXT, fixture))).contains("SECRET").doesNotContain("EMAIL_ADDRESS");
        // "**/" also matches no directory; backslashes and "./" are read as a relative path
        assertThat(types(engine.scan(TEXT, new DetectionTuning.Scope(".\\test\\fixtures\\a.txt", List.of()))))
                .doesNotContain("EMAIL_ADDRESS");
        assertThat(types(engine.scan(TEXT, new DetectionTuning.Scope("docs/guide.md", List.of()))))
                .doesNotContain("EMAIL_ADDRESS");
        // "*" stays within one directory; other paths keep everything
        assertThat(types(engine.scan(TEXT, new DetectionTuning.Scope("docs/api/guide.md", List.of()))))
                .contains("EMAIL_ADDRESS");
        assertThat(types(engine.scan(TEXT, new DetectionTuning.Scope("src/main/fixtures.txt", List.of()))))
                .contains("EMAIL_ADDRESS");
    }

    @Test
    void aLabelExclusionMatchesTheRequestsLabelsInADecision() {
        Decision labelled = engine.evaluate(
                request().labels("synthetic-data").content("owner " + MAIL).build());
        assertThat(labelled.effect()).isEqualTo(Effect.ALLOW);
        Decision plain = engine.evaluate(request().content("owner " + MAIL).build());
        assertThat(plain.effect()).isEqualTo(Effect.REDACT);
        // the label exclusion names PII: the key in the same text is still found and denied
        Decision both = engine.evaluate(request().labels("synthetic-data").build());
        assertThat(both.effect()).isEqualTo(Effect.DENY);
        assertThat(both.ruleIds()).contains("secret");
    }

    @Test
    void explainSaysExcluded() {
        List<DetectionTuning.Explanation> e =
                engine.explainScan(TEXT, new DetectionTuning.Scope("test/fixtures/x", null));
        assertThat(e).anySatisfy(x -> {
            assertThat(x.finding().type()).isEqualTo("EMAIL_ADDRESS");
            assertThat(x.outcome()).isEqualTo("excluded");
            assertThat(x.kept()).isFalse();
        });
    }

    @Test
    void aRequestMayAllowListWhereThePackOpensTheSelector() {
        // tag::request-tuning[]
        DetectionTuning mine =
                DetectionTuning.builder().allowValue("EMAIL_ADDRESS", MAIL).build();
        PolicyRequest request = PolicyRequest.builder()
                .product("openai:chatgpt-enterprise")
                .content("owner " + MAIL)
                .path("src/main/resources/owners.txt")
                .tuning(mine) // refused (DENY tuning-refused) unless the pack's requestAllow opens EMAIL_ADDRESS
                .build();
        Decision d = engine.evaluate(request);
        // end::request-tuning[]
        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        // the same request without its tuning is redacted (the request's entries do not leak into the engine)
        assertThat(engine.evaluate(request().content("owner " + MAIL).build()).effect())
                .isEqualTo(Effect.REDACT);
    }

    @Test
    void aRequestMayRaiseConfidence() throws IOException {
        DetectionTuning raise = DetectionTuning.builder()
                .contextWords("SECRET", List.of("deploy"), 0.5, 40)
                .build();
        Decision d = engine.evaluate(request().tuning(raise).build());
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).contains("secret");
        DetectionTuning packTuning = RulePack.load(dir).tuning();
        assertThat(packTuning
                        .withRequest(raise)
                        .apply(TEXT, ContentScanner.defaults().scan(TEXT))
                        .stream()
                        .filter(f -> f.type().equals("SECRET"))
                        .mapToDouble(Finding::confidence)
                        .max()
                        .orElse(0))
                .isEqualTo(1.0);
    }

    /** Every way a request could try to switch detection of the secret off is refused: DENY, never ALLOW. */
    @Test
    void hostileRequestsCannotTurnDetectionOff() {
        List<DetectionTuning> hostile = List.of(
                DetectionTuning.builder().allowPattern("*", ".*").build(),
                DetectionTuning.builder().allowValue("SECRET", KEY).build(),
                DetectionTuning.builder().allowPattern("SECRET", ".*").build(),
                DetectionTuning.builder().allowPattern("aws-access-token", ".*").build(),
                DetectionTuning.builder().allowPattern("PII", ".*").build(),
                DetectionTuning.builder().minConfidence("*", 1.0).build(),
                DetectionTuning.builder()
                        .contextWords("*", List.of("deploy"), -1.0, 100)
                        .build(),
                DetectionTuning.builder()
                        .exclude(List.of("**"), List.of(), List.of())
                        .build(),
                DetectionTuning.builder().requestAllow("*").build(),
                // a permitted entry does not carry a refused one through
                DetectionTuning.builder()
                        .allowValue("EMAIL_ADDRESS", MAIL)
                        .allowPattern("SECRET", ".*")
                        .build());
        for (DetectionTuning t : hostile) {
            Decision d = engine.evaluate(request().tuning(t).build());
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.ruleIds()).containsExactly(ReasonIds.TUNING_REFUSED);
            assertThat(d.diagnostics())
                    .allSatisfy(
                            x -> assertThat(x.message()).startsWith("tuning.").doesNotContain(KEY));
        }
    }

    @Test
    void withRequestNamesTheRefusedEntry() {
        DetectionTuning pack =
                DetectionTuning.builder().requestAllow("EMAIL_ADDRESS").build();
        assertThatThrownBy(() -> pack.withRequest(DetectionTuning.builder()
                        .allowValue("EMAIL_ADDRESS", MAIL)
                        .allowValue("SECRET", KEY)
                        .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("tuning.allow[1]");
                    assertThat(e.getMessage()).doesNotContain(KEY).contains("requestAllow");
                });
        assertThatThrownBy(() -> DetectionTuning.none()
                        .withRequest(DetectionTuning.builder()
                                .allowValue("EMAIL_ADDRESS", MAIL)
                                .build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void requestJsonCarriesPathAndTuning() throws IOException {
        PolicyRequest r =
                PolicyJson.readRequest(Files.readString(Path.of("src/test/resources/requests/tuned-request.json")));
        assertThat(r.data().path()).isEqualTo("src/main/resources/owners.txt");
        assertThat(r.scope().path()).isEqualTo("src/main/resources/owners.txt");
        assertThat(r.tuning().isEmpty()).isFalse();
        assertThat(engine.evaluate(r).effect()).isEqualTo(Effect.ALLOW);
        assertThat(PolicyJson.write(r)).contains("\"path\":\"src/main/resources/owners.txt\"");
    }

    @Test
    void hostileRequestJsonIsDeniedNotIgnored() {
        for (String tuning : List.of(
                "{\"minConfidence\": {\"SECRET\": 1.0}}",
                "{\"exclude\": [{\"paths\": [\"**\"]}]}",
                "{\"requestAllow\": [\"*\"]}",
                "{\"allow\": [{\"type\": \"*\", \"patterns\": [\".*\"]}]}",
                "{\"context\": [{\"words\": [\"deploy\"], \"confidence\": -1}]}")) {
            PolicyRequest r = PolicyJson.readRequest(
                    "{\"destination\": {\"product\": \"openai:chatgpt-enterprise\"}, \"data\": {\"content\": \""
                            + TEXT.strip() + "\"}, \"tuning\": " + tuning + "}");
            Decision d = engine.evaluate(r);
            assertThat(d.effect()).as(tuning).isEqualTo(Effect.DENY);
            assertThat(d.ruleIds()).as(tuning).containsExactly(ReasonIds.TUNING_REFUSED);
        }
        assertThatThrownBy(() -> PolicyJson.readRequest("{\"destination\": {\"product\": \"p\"}, \"tuning\": "
                        + "{\"allow\": [{\"patterns\": [\"(\"]}]}}"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("tuning.allow[0].patterns[0]"));
        assertThatThrownBy(() -> PolicyJson.readRequest(
                        "{\"destination\": {\"product\": \"p\"}, \"tuning\": {\"disable\": true}}"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void globs() {
        assertThat(glob("**/test/**", "a/test/b/c.txt")).isTrue();
        assertThat(glob("**/test/**", "test/c.txt")).isTrue();
        assertThat(glob("**/test/**", "a/latest/c.txt")).isFalse();
        assertThat(glob("src/*.java", "src/A.java")).isTrue();
        assertThat(glob("src/*.java", "src/a/A.java")).isFalse();
        assertThat(glob("src/?.java", "src/A.java")).isTrue();
        assertThat(glob("a.b", "axb")).isFalse();
    }

    private static boolean glob(String glob, String path) {
        DetectionTuning t = DetectionTuning.builder()
                .exclude(List.of(glob), List.of(), List.of())
                .build();
        Finding f = Finding.secret("r", 0, 3, 0.9);
        return t.apply("abc", List.of(f), new DetectionTuning.Scope(path, List.of()))
                .isEmpty();
    }
}
