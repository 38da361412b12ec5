package dev.clearance.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The committed XLSX decision table holds exactly the cells of the CSV one. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XlsxTableGeneratorTest {

    /**
     * Regenerates the XLSX from the CSV:
     * {@code mvn -o -q test -pl clearance-xlsx -am -Dtest=XlsxTableGeneratorTest -Dclearance.regenerate=true
     * -Dsurefire.failIfNoSpecifiedTests=false}.
     */
    @Test
    @Order(1)
    @EnabledIfSystemProperty(named = "clearance.regenerate", matches = "true")
    void regenerate_whenAsked_writesTheXlsxFromTheCsv() throws IOException {
        XlsxTableGenerator.main(new String[] {"."});
    }

    @Test
    void committedXlsx_matchesTheCsvCellForCell() throws IOException {
        List<List<String>> csv = XlsxTableGenerator.readCsv(XlsxTableGenerator.CSV).stream()
                .map(XlsxTableGenerator::trim)
                .toList();
        assertThat(XlsxTableGenerator.readXlsx(XlsxTableGenerator.XLSX))
                .as("regenerate with XlsxTableGenerator.main after editing matrix.csv")
                .isEqualTo(csv);
    }

    @Test
    void generator_roundTripsEveryCell(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("t.xlsx");
        List<List<String>> rows = List.of(List.of("RuleSet", "x"), List.of(), List.of("", "a \"quoted\", cell"));
        try (OutputStream o = Files.newOutputStream(out)) {
            XlsxTableGenerator.write(rows, o);
        }
        assertThat(XlsxTableGenerator.readXlsx(out)).isEqualTo(rows);
    }
}
