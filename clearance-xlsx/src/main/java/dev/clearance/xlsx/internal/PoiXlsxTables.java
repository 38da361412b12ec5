package dev.clearance.xlsx.internal;

import dev.clearance.internal.pack.XlsxTables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * {@link XlsxTables} on Apache POI, found by policy-core through {@code META-INF/services}. With this module on
 * the classpath, Drools' own XLSX parser (which needs POI) compiles the tables. Internal: may change at any time.
 */
public final class PoiXlsxTables implements XlsxTables {
    /** For {@link java.util.ServiceLoader}. */
    public PoiXlsxTables() {}

    @Override
    public List<List<String>> cells(byte[] workbook) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter format = new DataFormatter();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Sheet sheet = book.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(row.getCell(c) == null ? "" : format.formatCellValue(row.getCell(c)));
                    }
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
