package dev.clearance.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.EvaluationLimits;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.ReloadingPolicyEngine;
import dev.clearance.decisionlog.DecisionLogFile;
import dev.clearance.decisionlog.DecisionLogRecord;
import dev.clearance.pack.PackTrust;
import dev.clearance.rules.DefaultRulePack;
import dev.clearance.rules.PolicySetup;
import dev.clearance.spi.DecisionLogSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every {@code clearance.*} property and every condition of {@link ClearanceAutoConfiguration}. */
class ClearanceAutoConfigurationTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ClearanceAutoConfiguration.class));

    static final String EMAIL_TEXT = "Draft a reply to jane.doe@example.com about her late refund.";

    static PolicyRequest request(String product, Classification c, String content) {
        return PolicyRequest.builder()
                .product(product)
                .classification(c)
                .content(content)
                .build();
    }

    static Path strictPack(Path dir) throws IOException {
        Path pack = Files.createDirectories(dir.resolve("strict"));
        for (String f : List.of("pack.yaml", "strict.drl")) {
            try (InputStream in = ClearanceAutoConfigurationTest.class.getResourceAsStream("/packs/strict/" + f)) {
                Files.write(pack.resolve(f), in.readAllBytes());
            }
        }
        return pack;
    }

    @Test
    void noProperties_builtInPackAndCatalog_isThePolicyDecider() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(PolicyEngine.class).hasSingleBean(PolicyDecider.class);
            assertThat(context).doesNotHaveBean(ReloadingPolicyEngine.class);
            PolicyEngine engine = context.getBean(PolicyEngine.class);
            assertThat(context.getBean(PolicyDecider.class)).isSameAs(engine);
            assertThat(engine.packId()).isEqualTo(DefaultRulePack.v1().id());
            assertThat(engine.limits().toString())
                    .isEqualTo(EvaluationLimits.defaults().toString());
            assertThat(engine.evaluate(request("openai:api", Classification.INTERNAL, EMAIL_TEXT))
                            .effect())
                    .isEqualTo(Effect.REDACT);
        });
    }

    @Test
    void findingsCache_isOnByDefault_soARepeatedTextIsNotScannedAgain() {
        runner.run(context -> {
            PolicyEngine engine = context.getBean(PolicyEngine.class);
            PolicyRequest r = request("openai:api", Classification.INTERNAL, EMAIL_TEXT);
            engine.evaluate(r);
            engine.evaluate(r);
            assertThat(engine.cacheStats().findingsHits()).isEqualTo(1);
            assertThat(engine.cacheStats().findingsMisses()).isEqualTo(1);
        });
    }

    @Test
    void findingsCache_canBeTurnedOff_andRefusesEmptyBounds() {
        runner.withPropertyValues("clearance.findings-cache.enabled=false").run(context -> {
            PolicyEngine engine = context.getBean(PolicyEngine.class);
            PolicyRequest r = request("openai:api", Classification.INTERNAL, EMAIL_TEXT);
            engine.evaluate(r);
            engine.evaluate(r);
            assertThat(engine.cacheStats().findingsHits()).isZero();
        });
        runner.withPropertyValues("clearance.findings-cache.max-entries=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("clearance.findings-cache.max-entries"));
    }

    @Test
    void packLocation_classpath_loadsThePackFromTheClasspath() {
        runner.withPropertyValues("clearance.pack.location=classpath:packs/strict")
                .run(context -> {
                    PolicyEngine engine = context.getBean(PolicyEngine.class);
                    assertThat(engine.packId()).isEqualTo("strict-example");
                    assertThat(engine.evaluate(request("local:ollama", Classification.PUBLIC, "hello"))
                                    .ruleIds())
                            .containsExactly("strict.deny-all");
                });
    }

    @Test
    void packLocation_fileOrPlainPath_loadsThePackDirectory(@TempDir Path dir) throws IOException {
        Path pack = strictPack(dir);
        for (String location : List.of("file:" + pack, pack.toString())) {
            runner.withPropertyValues("clearance.pack.location=" + location)
                    .run(context -> assertThat(
                                    context.getBean(PolicyEngine.class).packVersion())
                            .isEqualTo("3"));
        }
    }

    @Test
    void packLocation_jar_loadsThePackArchive(@TempDir Path dir) throws IOException {
        Path pack = strictPack(dir);
        Path jar = dir.resolve("strict.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String f : List.of("pack.yaml", "strict.drl")) {
                zip.putNextEntry(new ZipEntry(f));
                zip.write(Files.readAllBytes(pack.resolve(f)));
                zip.closeEntry();
            }
        }
        runner.withPropertyValues("clearance.pack.location=" + jar)
                .run(context ->
                        assertThat(context.getBean(PolicyEngine.class).packId()).isEqualTo("strict-example"));
    }

    @Test
    void packLocation_missing_failsStartupNamingTheProperty(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-pack");
        runner.withPropertyValues("clearance.pack.location=" + missing)
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().isNotNull());
        runner.withPropertyValues("clearance.pack.location=" + missing)
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("clearance.pack.location=" + missing + ": cannot load the rule pack"));
    }

    @Test
    void packThatDoesNotCompile_failsStartup(@TempDir Path dir) throws IOException {
        Path pack = strictPack(dir);
        Files.writeString(pack.resolve("strict.drl"), "package x;\nrule \"broken\" when then nothing(; end\n");
        runner.withPropertyValues("clearance.pack.location=" + pack)
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("clearance.pack.location=" + pack));
    }

    @Test
    void trustedKeys_unsignedPackIsRefused_signedPackLoads(@TempDir Path dir) throws IOException {
        Path pack = strictPack(dir);
        KeyPair signer = PackTrust.generateKeyPair();
        Path pem = dir.resolve("signer.pub.pem");
        Files.writeString(pem, PackTrust.toPem(signer.getPublic()));

        runner.withPropertyValues("clearance.pack.location=" + pack, "clearance.pack.trusted-keys=" + pem)
                .run(context ->
                        assertThat(context.getStartupFailure()).hasStackTraceContaining("cannot load the rule pack"));

        PackTrust.sign(pack, signer.getPrivate());
        runner.withPropertyValues("clearance.pack.location=" + pack, "clearance.pack.trusted-keys=" + pem)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PackTrust.class).requiresSignature())
                            .isTrue();
                    assertThat(context.getBean(PolicyEngine.class).packId()).isEqualTo("strict-example");
                });
    }

    @Test
    void allowUnrestrictedRules_withoutTrustedKeys_failsStartup() {
        runner.withPropertyValues("clearance.pack.allow-unrestricted-rules=true")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("needs clearance.pack.trusted-keys"));
    }

    @Test
    void allowUnrestrictedRules_withTrustedKeys_trustsUnrestrictedCode(@TempDir Path dir) throws IOException {
        Path pem = dir.resolve("signer.pub.pem");
        Files.writeString(pem, PackTrust.toPem(PackTrust.generateKeyPair().getPublic()));
        runner.withPropertyValues("clearance.pack.trusted-keys=" + pem, "clearance.pack.allow-unrestricted-rules=true")
                .run(context -> assertThat(context.getBean(PackTrust.class).allowsUnrestrictedCode())
                        .isTrue());
    }

    @Test
    void organizationCatalog_isMergedOverTheBuiltInOne(@TempDir Path dir) throws IOException {
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                products:
                  - id: acme:private-llm
                    provider: Acme
                    name: Acme private LLM
                    tier: LOCAL
                    trainsByDefault: false
                    optOutAvailable: false
                    retention: none
                    zdrAvailable: true
                    humanReview: false
                    source: internal
                    checked: "2026-12-01"
                """);
        runner.withPropertyValues("clearance.organization-catalog=" + catalog).run(context -> {
            PolicyEngine engine = context.getBean(PolicyEngine.class);
            assertThat(engine.catalog().find("acme:private-llm")).isPresent();
            assertThat(engine.catalog().find("openai:api")).isPresent();
        });
        runner.withPropertyValues("clearance.organization-catalog=" + dir.resolve("none.yaml"))
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("clearance.organization-catalog="));
    }

    @Test
    void limits_everyPropertyReachesTheEngine() {
        runner.withPropertyValues(
                        "clearance.limits.max-content-chars=2000",
                        "clearance.limits.max-findings=50",
                        "clearance.limits.max-rule-firings=500",
                        "clearance.limits.time-budget=250ms",
                        "clearance.limits.max-field-chars=100",
                        "clearance.limits.max-list-items=8")
                .run(context -> {
                    EvaluationLimits l = context.getBean(PolicyEngine.class).limits();
                    assertThat(l.maxContentChars()).isEqualTo(2000);
                    assertThat(l.maxFindings()).isEqualTo(50);
                    assertThat(l.maxRuleFirings()).isEqualTo(500);
                    assertThat(l.timeBudget()).isEqualTo(Duration.ofMillis(250));
                    assertThat(l.maxFieldChars()).isEqualTo(100);
                    assertThat(l.maxListItems()).isEqualTo(8);
                    Decision tooLong = context.getBean(PolicyEngine.class)
                            .evaluate(request("local:ollama", Classification.PUBLIC, "x".repeat(2001)));
                    assertThat(tooLong.effect()).isEqualTo(Effect.DENY);
                });
    }

    @Test
    void redactionStyle_mask_andKeyedHash(@TempDir Path dir) throws IOException {
        runner.withPropertyValues("clearance.redaction.style=mask", "clearance.redaction.mask-char=#")
                .run(context -> {
                    Decision d = context.getBean(PolicyEngine.class)
                            .evaluate(request("openai:api", Classification.INTERNAL, EMAIL_TEXT));
                    assertThat(d.redactedContent())
                            .hasValueSatisfying(
                                    t -> assertThat(t).contains("####").doesNotContain("jane.doe"));
                });
        Path key = dir.resolve("redaction.key");
        Files.write(key, "0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII));
        runner.withPropertyValues("clearance.redaction.style=keyed-hash", "clearance.redaction.key-file=" + key)
                .run(context -> assertThat(context.getBean(dev.clearance.RedactionStyle.class)
                                .reversible())
                        .isFalse());
        runner.withPropertyValues("clearance.redaction.style=keyed-hash")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("clearance.redaction.key-file is required"));
    }

    @Test
    void decisionLog_offByDefault_fileAndKeyWhenConfigured(@TempDir Path dir) throws IOException {
        runner.run(context -> assertThat(context).doesNotHaveBean(DecisionLogFile.class));

        Path log = dir.resolve("decisions.jsonl");
        Path key = dir.resolve("audit.key");
        Files.write(key, "fedcba9876543210fedcba".getBytes(StandardCharsets.US_ASCII));
        String[] hashes = new String[2];
        for (int i = 0; i < 2; i++) {
            runner.withPropertyValues("clearance.decision-log.file=" + log, "clearance.decision-log.key-file=" + key)
                    .run(context -> {
                        assertThat(context).hasSingleBean(DecisionLogFile.class);
                        context.getBean(PolicyEngine.class)
                                .evaluate(request("openai:api", Classification.INTERNAL, EMAIL_TEXT));
                    });
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines)
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("\"effect\":\"REDACT\"").doesNotContain("jane.doe"));
        for (int i = 0; i < 2; i++) {
            hashes[i] = lines.get(i).replaceAll(".*\"contentHash\":\"([0-9a-f]+)\".*", "$1");
        }
        assertThat(hashes[0])
                .as("the configured key, not a random one per engine")
                .isEqualTo(hashes[1]);

        Path shortKey = dir.resolve("short.key");
        Files.write(shortKey, new byte[4]);
        runner.withPropertyValues("clearance.decision-log.key-file=" + shortKey)
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("holds 4 bytes; at least 16 are needed"));
    }

    @Test
    void decisionLogSinkBeans_receiveEveryRecord_slf4jWhenAsked() {
        List<DecisionLogRecord> records = new CopyOnWriteArrayList<>();
        runner.withBean("mySink", DecisionLogSink.class, () -> records::add)
                .withPropertyValues("clearance.decision-log.slf4j=true")
                .run(context -> {
                    context.getBean(PolicyEngine.class)
                            .evaluate(request("openai:api", Classification.CONFIDENTIAL, "numbers"));
                    assertThat(records)
                            .singleElement()
                            .satisfies(r -> assertThat(r.effect()).isEqualTo(Effect.DENY));
                });
    }

    @Test
    void reload_enabled_isAReloadingEngineWatchingThePackDirectory(@TempDir Path dir) throws IOException {
        Path pack = strictPack(dir);
        runner.withPropertyValues(
                        "clearance.pack.location=" + pack,
                        "clearance.reload.enabled=true",
                        "clearance.reload.interval=50ms",
                        "clearance.reload.timeout=20s",
                        "clearance.reload.reject-on-warnings=true")
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(ReloadingPolicyEngine.class)
                            .doesNotHaveBean(PolicyEngine.class);
                    ReloadingPolicyEngine engine = context.getBean(ReloadingPolicyEngine.class);
                    assertThat(context.getBean(PolicyDecider.class)).isSameAs(engine);
                    ClearanceReloadStatus status = context.getBean(ClearanceReloadStatus.class);
                    assertThat(status.last()).isEmpty();

                    Files.writeString(
                            pack.resolve("pack.yaml"), "id: strict-example\nversion: \"4\"\nfiles:\n  - strict.drl\n");
                    assertThat(engine.reload(pack).succeeded()).isTrue();
                    assertThat(engine.packVersion()).isEqualTo("4");
                    assertThat(status.last())
                            .hasValueSatisfying(e -> assertThat(e.succeeded()).isTrue());

                    Files.writeString(
                            pack.resolve("strict.drl"), "package x;\nrule \"broken\" when then nothing(; end\n");
                    assertThat(engine.reload(pack).succeeded()).isFalse();
                    assertThat(engine.packVersion())
                            .as("the last good pack keeps serving")
                            .isEqualTo("4");
                    assertThat(status.lastFailure()).isPresent();
                });
    }

    @Test
    void reload_withoutAPackDirectory_failsStartup() {
        runner.withPropertyValues("clearance.reload.enabled=true", "clearance.pack.location=classpath:packs/strict")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("clearance.reload.enabled=true needs clearance.pack.location"));
    }

    @Test
    void userBeans_win() {
        PolicyEngine mine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        runner.withBean(PolicyEngine.class, () -> mine).run(context -> {
            assertThat(context).hasSingleBean(PolicyDecider.class);
            assertThat(context.getBean(PolicyDecider.class)).isSameAs(mine);
        });
        runner.withBean(PolicySetup.class, () -> PolicySetup.of(DefaultRulePack.v1()))
                .withPropertyValues("clearance.pack.location=/ignored/when/a/setup/is/given")
                .run(context -> assertThat(context.getBean(PolicyEngine.class).packId())
                        .isEqualTo(DefaultRulePack.v1().id()));
        EvaluationLimits limits = EvaluationLimits.builder().maxContentChars(10).build();
        runner.withBean(EvaluationLimits.class, () -> limits)
                .withPropertyValues("clearance.limits.max-content-chars=99")
                .run(context ->
                        assertThat(context.getBean(PolicyEngine.class).limits()).isEqualTo(limits));
        runner.withBean(dev.clearance.RedactionStyle.class, () -> dev.clearance.RedactionStyle.mask('x'))
                .run(context -> assertThat(context.getBean(PolicyEngine.class)
                                .evaluate(request("openai:api", Classification.INTERNAL, EMAIL_TEXT))
                                .redactedContent())
                        .hasValueSatisfying(t -> assertThat(t).contains("xxxx")));
    }

    @Test
    void configurationMetadata_describesTheProperties() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("written by spring-boot-configuration-processor").isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json)
                    .contains("\"clearance.pack.location\"")
                    .contains("\"clearance.pack.trusted-keys\"")
                    .contains("\"clearance.organization-catalog\"")
                    .contains("\"clearance.limits.time-budget\"")
                    .contains("\"clearance.redaction.style\"")
                    .contains("\"clearance.decision-log.file\"")
                    .contains("\"clearance.decision-log.key-file\"")
                    .contains("\"clearance.reload.enabled\"")
                    .contains("\"clearance.reload.interval\"");
        }
    }

    @Test
    void documentedExampleProperties_startAContext() throws IOException {
        java.util.Properties example = new java.util.Properties();
        try (InputStream in = getClass().getResourceAsStream("/application-example.properties")) {
            example.load(in);
        }
        assertThat(example).hasSize(5);
        runner.withPropertyValues(example.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))
                .run(context -> {
                    PolicyEngine engine = context.getBean(PolicyEngine.class);
                    assertThat(engine.packId()).isEqualTo("strict-example");
                    assertThat(engine.limits().maxContentChars()).isEqualTo(200_000);
                    assertThat(engine.limits().timeBudget()).isEqualTo(Duration.ofMillis(250));
                });
    }

    // tag::override[]
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnLimits {
        @org.springframework.context.annotation.Bean
        EvaluationLimits clearanceLimits() { // replaces the one built from clearance.limits.*
            return EvaluationLimits.builder().maxContentChars(64_000).build();
        }
    }
    // end::override[]

    @Test
    void documentedOverride_replacesTheLimits() {
        runner.withUserConfiguration(OwnLimits.class)
                .run(context -> assertThat(
                                context.getBean(PolicyEngine.class).limits().maxContentChars())
                        .isEqualTo(64_000));
    }
}
