package dev.clearance.internal.pack;

import dev.clearance.Diagnostic;
import dev.clearance.Severity;
import dev.clearance.pack.RuleFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the header row under each {@code RuleTable} of a decision table. Drools silently ignores a column whose
 * header it does not know (a typo such as {@code CONDITON} drops the condition and widens the rule), so an unknown
 * header is reported here as an error at its row and column. Internal.
 */
public final class TableHeaders {
    /** Column headers Drools 10 understands (ActionType), long and one-letter forms. */
    private static final Set<String> KNOWN = Set.of(
            "CONDITION",
            "ACTION",
            "NAME",
            "DESCRIPTION",
            "PRIORITY",
            "SALIENCE",
            "ACTIVATION-GROUP",
            "AGENDA-GROUP",
            "RULEFLOW-GROUP",
            "NO-LOOP",
            "LOCK-ON-ACTIVE",
            "AUTO-FOCUS",
            "DURATION",
            "TIMER",
            "CALENDARS",
            "ENABLED",
            "DATE-EFFECTIVE",
            "DATE-EXPIRES",
            "METADATA",
            "C",
            "A",
            "N",
            "I",
            "P",
            "G",
            "R",
            "U",
            "L",
            "F",
            "D",
            "T",
            "E",
            "B",
            "V",
            "X",
            "@");

    private TableHeaders() {}

    public static List<Diagnostic> check(RuleFile file) {
        List<List<String>> rows;
        try {
            rows = file.kind() == RuleFile.Kind.DECISION_TABLE_CSV ? csv(file.text()) : xlsx(file.bytes());
        } catch (IOException | RuntimeException e) {
            return List.of(new Diagnostic(
                    Severity.ERROR,
                    file.path(),
                    0,
                    0,
                    null,
                    "cannot read the spreadsheet: " + e.getClass().getSimpleName()));
        }
        List<Diagnostic> out = new ArrayList<>();
        for (int r = 0; r + 1 < rows.size(); r++) {
            if (rows.get(r).stream()
                    .noneMatch(c -> c.strip().toLowerCase(Locale.ROOT).startsWith("ruletable"))) {
                continue;
            }
            List<String> header = rows.get(r + 1);
            boolean any = false;
            for (int c = 0; c < header.size(); c++) {
                String h = header.get(c).strip();
                if (h.isEmpty()) {
                    continue;
                }
                any = true;
                if (!KNOWN.contains(h.toUpperCase(Locale.ROOT))) {
                    out.add(new Diagnostic(
                            Severity.ERROR,
                            file.path(),
                            r + 2,
                            c + 1,
                            null,
                            "unknown decision table column header '" + h + "': expected CONDITION, ACTION, NAME,"
                                    + " DESCRIPTION, PRIORITY or another Drools column type"));
                }
            }
            if (!any) {
                out.add(new Diagnostic(
                        Severity.ERROR,
                        file.path(),
                        r + 2,
                        1,
                        null,
                        "the row under RuleTable must name the column types (CONDITION, ACTION, ...)"));
            }
        }
        return out;
    }

    /** Every cell of a CSV text, row by row; quoted cells with doubled quotes as RFC 4180 has them. */
    public static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    private static List<List<String>> xlsx(byte[] bytes) throws IOException {
        return XlsxTables.installed()
                .orElseThrow(() -> new IllegalStateException(XlsxTables.MISSING))
                .cells(bytes);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
