package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entity recognition in {@code clearance scan}: {@code --entities}, and a pack's {@code entities:} setting. */
class ScanEntitiesTest {
    private static final String TEXT = "Please forward the contract to Maria Schneider, Hauptstraße 5, 10115 Berlin.";

    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClearanceCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void withoutEntities_theDefaultPackFindsNoPerson() {
        String[] r = run("scan", "--text", TEXT);
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).doesNotContain("\"PERSON\"");
    }

    @Test
    void entitiesFlag_findsThePersonAndThePlace() {
        String[] r = run("scan", "--entities", "--text", TEXT);
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("\"type\":\"PERSON\"").contains("\"type\":\"LOCATION\"");
    }

    @Test
    void aPackTurningEntitiesOn_isHonouredByScan_withItsTypesOnly() throws Exception {
        Files.writeString(tmp.resolve("pack.yaml"), """
                id: people
                version: "1"
                entities:
                  enabled: true
                  types: [PERSON]
                """);
        Files.writeString(tmp.resolve("a.drl"), """
                package people
                import dev.clearance.*;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "allow" when Data() then verdict.allow(); end
                """);
        String[] r = run("scan", "--pack", tmp.toString(), "--text", TEXT);
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("\"type\":\"PERSON\"").doesNotContain("\"type\":\"LOCATION\"");
    }
}
