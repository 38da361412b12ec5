package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entities:} and {@code phoneRegions:} in {@code pack.yaml}, and the same through the builders. This module
 * has no entity recognizer on its class path, so a pack that turns entities on must fail to load here.
 */
class PackEntitiesAndPhoneRegionsTest {
    /** A London number from Ofcom's range kept for drama (020 7946 0000 to 0999): valid in GB, not in the US. */
    private static final String UK_TEXT = "ring me on 020 7946 0958 tonight";

    @TempDir
    Path dir;

    private RulePack pack(String manifestTail) throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: t\nversion: \"1\"\n" + manifestTail);
        Files.writeString(
                dir.resolve("a.drl"), TestPacks.HEADER + "rule \"allow\" when Data() then verdict.allow(); end\n");
        return RulePack.load(dir);
    }

    private static boolean phoneFound(ContentScanner scanner) {
        return scanner.scan(UK_TEXT).stream().anyMatch(f -> f.type().equals("PHONE_NUMBER"));
    }

    private static boolean phoneFound(PolicyEngine engine) {
        return engine.scan(UK_TEXT).stream().anyMatch(f -> f.type().equals("PHONE_NUMBER"));
    }

    @Test
    void packPhoneRegions_reachTheEngineScanner() throws IOException {
        RulePack gb = pack("phoneRegions: [gb]\n");
        assertThat(gb.phoneRegions()).containsExactly("GB");
        assertThat(phoneFound(PolicyEngine.builder().rulePack(gb).build())).isTrue();

        RulePack us = pack("phoneRegions: [US]\n");
        assertThat(phoneFound(PolicyEngine.builder().rulePack(us).build())).isFalse();
    }

    @Test
    void builderPhoneRegions_overrideThePacks() throws IOException {
        RulePack us = pack("phoneRegions: [US]\n");
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(us).phoneRegions(List.of("GB")).build();
        assertThat(phoneFound(engine)).isTrue();
    }

    @Test
    void scannerPhoneRegions_applyBeforeOrAfterAddDefaults() {
        assertThat(phoneFound(ContentScanner.builder()
                        .phoneRegions(List.of("US"))
                        .addDefaults()
                        .build()))
                .isFalse();
        assertThat(phoneFound(ContentScanner.builder()
                        .addDefaults()
                        .phoneRegions(List.of("GB", "DE"))
                        .build()))
                .isTrue();
        assertThat(phoneFound(ContentScanner.defaults())).isTrue();
    }

    @Test
    void unknownPhoneRegion_isALoadErrorAndABuilderError() throws IOException {
        assertThatThrownBy(() -> pack("phoneRegions: [GB, XQ]\n"))
                .isInstanceOfSatisfying(
                        RulePackCompilationException.class,
                        e -> assertThat(e.diagnostics().toString())
                                .contains("phoneRegions")
                                .contains("XQ"));
        assertThatThrownBy(() -> pack("phoneRegions: []\n")).isInstanceOf(RulePackCompilationException.class);
        assertThatThrownBy(() -> ContentScanner.builder().phoneRegions(List.of("Atlantis")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyEngine.builder().phoneRegions(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entitiesOn_withoutARecognizerOnTheClassPath_failsAtLoadNamingTheModule() {
        assertThatThrownBy(() -> pack("entities: {enabled: true, types: [PERSON, LOCATION]}\n"))
                .isInstanceOfSatisfying(
                        RulePackCompilationException.class,
                        e -> assertThat(e.diagnostics().toString())
                                .contains("entities.enabled")
                                .contains("clearance-entities"));
        assertThatThrownBy(() -> ContentScanner.builder().addEntityRecognizers(List.of("PERSON")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clearance-entities");
    }

    @Test
    void entitiesOff_loadsAndAddsNothing() throws IOException {
        RulePack off = pack("entities: {enabled: false}\n");
        assertThat(off.entityTypes()).isEmpty();
        assertThat(PolicyEngine.builder().rulePack(off).build().scan("Please ask John Smith"))
                .noneMatch(f -> f.type().equals("PERSON"));
        assertThat(pack("").entityTypes()).isEmpty();
    }

    @Test
    void entitiesSection_isValidatedStrictly() {
        assertThatThrownBy(() -> pack("entities: {enabled: false, types: [PERSON, PLANET]}\n"))
                .isInstanceOfSatisfying(
                        RulePackCompilationException.class,
                        e -> assertThat(e.diagnostics().toString())
                                .contains("entities.types")
                                .contains("PLANET"));
        assertThatThrownBy(() -> pack("entities: {enabled: false, types: []}\n"))
                .isInstanceOf(RulePackCompilationException.class);
        assertThatThrownBy(() -> pack("entities: {types: [PERSON]}\n"))
                .isInstanceOfSatisfying(
                        RulePackCompilationException.class,
                        e -> assertThat(e.diagnostics().toString()).contains("entities.enabled"));
        assertThatThrownBy(() -> pack("entities: {enabled: true, kinds: [PERSON]}\n"))
                .isInstanceOf(RulePackCompilationException.class);
        assertThatThrownBy(() -> RulePack.builder("t", "1").entities(List.of("PLANET")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
