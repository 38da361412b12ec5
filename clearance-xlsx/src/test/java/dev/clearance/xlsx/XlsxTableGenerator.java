package dev.clearance.xlsx;

import dev.clearance.internal.pack.TableHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes {@code packs/table-xlsx-pack/matrix.xlsx} from {@code policy-rules/src/test/resources/packs/table-csv-pack/matrix.csv}: one spreadsheet
 * row per CSV line, every cell a string, so both forms of the decision table hold the same rules. After editing
 * the CSV, regenerate with
 * {@code mvn -o -q test -pl clearance-xlsx -am -Dtest=XlsxTableGeneratorTest -Dclearance.regenerate=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (or run {@code main} with the module directory as argument).
 *
 * {@link XlsxTableGeneratorTest} fails when the committed XLSX no longer matches the CSV.
 */
public final class XlsxTableGenerator {
    static final Path CSV = Path.of("../policy-rules/src/test/resources/packs/table-csv-pack/matrix.csv");
    static final Path XLSX = Path.of("src/test/resources/packs/table-xlsx-pack/matrix.xlsx");

    private XlsxTableGenerator() {}

    public static void main(String[] args) throws IOException {
        Path base = args.length > 0 ? Path.of(args[0]) : Path.of("clearance-xlsx");
        try (OutputStream out = Files.newOutputStream(base.resolve(XLSX))) {
            write(readCsv(base.resolve(CSV)), out);
        }
    }

    /** Every cell of the CSV, row by row, without the empty row after the last line break. */
    static List<List<String>> readCsv(Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>(TableHeaders.csv(Files.readString(csv, StandardCharsets.UTF_8)));
        while (!rows.isEmpty() && rows.get(rows.size() - 1).equals(List.of(""))) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    static void write(List<List<String>> rows, OutputStream out) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Tables");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            book.write(out);
        }
    }

    /** Every non-empty cell of the first sheet of an XLSX, row by row, trailing empty cells dropped. */
    static List<List<String>> readXlsx(Path xlsx) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(row.getCell(c) == null ? "" : row.getCell(c).getStringCellValue());
                    }
                }
                rows.add(trim(cells));
            }
        }
        return rows;
    }

    static List<String> trim(List<String> cells) {
        int n = cells.size();
        while (n > 0 && cells.get(n - 1).isEmpty()) {
            n--;
        }
        return cells.subList(0, n);
    }
}
