package dev.clearance.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.PolicyEngine;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entities:} in {@code pack.yaml} with this module on the class path: the engine recognizes the types asked. */
class PackEntitiesTest {
    private static final String TEXT = "Please ask John Smith, 742 Evergreen Terrace, Springfield";

    @TempDir
    Path dir;

    private RulePack pack(String manifestTail) throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: t\nversion: \"1\"\n" + manifestTail);
        Files.writeString(
                dir.resolve("a.drl"),
                "package t;\nimport dev.clearance.facts.*;\nglobal dev.clearance.facts.Verdict verdict;\n"
                        + "rule \"allow\" when Data() then verdict.allow(); end\n");
        return RulePack.load(dir);
    }

    private static List<String> types(List<Finding> findings) {
        return findings.stream().map(Finding::type).distinct().toList();
    }

    @Test
    void packTurnsOnTheTypesItNames() throws IOException {
        RulePack p = pack("entities: {enabled: true, types: [person]}\n");
        assertThat(p.entityTypes()).containsExactly("PERSON");
        PolicyEngine engine = PolicyEngine.builder().rulePack(p).build();
        assertThat(types(engine.scan(TEXT))).contains("PERSON").doesNotContain("LOCATION");
    }

    @Test
    void packWithoutTypes_getsAllFour() throws IOException {
        RulePack p = pack("entities: {enabled: true}\n");
        assertThat(p.entityTypes()).containsExactlyInAnyOrder("PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME");
        assertThat(types(PolicyEngine.builder().rulePack(p).build().scan(TEXT))).contains("PERSON", "LOCATION");
    }

    @Test
    void packWithoutEntities_findsNoNames() throws IOException {
        assertThat(types(PolicyEngine.builder().rulePack(pack("")).build().scan(TEXT)))
                .doesNotContain("PERSON", "LOCATION");
    }

    @Test
    void scannerBuilder_restrictsTypes() {
        // tag::entities-builder[]
        ContentScanner scanner = ContentScanner.builder()
                .addDefaults()
                .addEntityRecognizers(List.of("LOCATION")) // IllegalStateException without clearance-entities
                .phoneRegions(List.of("GB", "DE"))
                .build();
        // end::entities-builder[]
        assertThat(types(scanner.scan(TEXT))).contains("LOCATION").doesNotContain("PERSON");
    }

    @Test
    void documentedPack_recognizesPeopleAndPlacesOnly() {
        RulePack p = RulePack.load(Path.of("src/test/resources/packs/people"));
        assertThat(p.entityTypes()).containsExactlyInAnyOrder("LOCATION", "PERSON");
        assertThat(p.phoneRegions()).containsExactly("GB", "DE");
        PolicyEngine engine = PolicyEngine.builder().rulePack(p).build();
        List<String> found =
                types(engine.scan("Ask Mrs. Okafor at Initech Ltd. on 020 7946 0958, " + "27 Kastanjelaan 9, Arnhem"));
        assertThat(found).contains("PERSON", "LOCATION", "PHONE_NUMBER").doesNotContain("ORGANIZATION");
    }
}
