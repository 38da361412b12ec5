package dev.clearance.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import dev.clearance.Classification;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A log file format: JSONL (one JSON object per line) or CSV with a header row, with a {@link LogFields} mapping.
 * Reading streams in constant memory, never stops on a bad line and never drops one silently: each is reported to
 * the {@link LogSink} as an {@link IssueKind} with its line number. Unknown JSON fields and extra CSV columns are
 * ignored (logs carry much more than requests). Immutable and serializable.
 *
 * <p>{@code time} is ISO-8601 ({@code 2026-11-20T10:15:00Z}, with an offset, or a local date-time taken as UTC,
 * also with a space instead of {@code T}) or epoch seconds or milliseconds. {@code classification} is matched
 * case-insensitively. A JSONL {@code user} may be a string or an object with an {@code id}.
 */
public final class LogFormat implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default longest line: {@value} bytes; longer lines are skipped as {@link IssueKind#LINE_TOO_LONG}. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 << 20;

    /** The two formats. */
    public enum Kind {
        JSONL,
        CSV
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader CSV_LINE = new CsvMapper().readerForArrayOf(String.class);

    private final Kind kind;
    private final LogFields fields;
    private final int maxLineBytes;

    private LogFormat(Kind kind, LogFields fields, int maxLineBytes) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.fields = Objects.requireNonNull(fields, "fields");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    public static LogFormat jsonl() {
        return new LogFormat(Kind.JSONL, LogFields.defaults(), DEFAULT_MAX_LINE_BYTES);
    }

    public static LogFormat csv() {
        return new LogFormat(Kind.CSV, LogFields.defaults(), DEFAULT_MAX_LINE_BYTES);
    }

    public static LogFormat of(Kind kind, LogFields fields) {
        return new LogFormat(kind, fields, DEFAULT_MAX_LINE_BYTES);
    }

    /** The format a file name suggests: {@code .csv} or {@code .csv.gz} is CSV, anything else JSONL. */
    public static Kind kindOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz") ? Kind.CSV : Kind.JSONL;
    }

    public LogFormat withFields(LogFields newFields) {
        return new LogFormat(kind, newFields, maxLineBytes);
    }

    public LogFormat withKind(Kind newKind) {
        return new LogFormat(newKind, fields, maxLineBytes);
    }

    public LogFormat withMaxLineBytes(int max) {
        return new LogFormat(kind, fields, max);
    }

    public Kind kind() {
        return kind;
    }

    public LogFields fields() {
        return fields;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** Reads a file (gunzipped when its name ends in {@code .gz}), named in issues by its path. */
    public void read(Path file, LogSink sink) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            read(in, file.toString(), sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads a stream to its end.
     *
     * @param source name used in issues and records
     * @throws UncheckedIOException     when the stream cannot be read
     * @throws IllegalArgumentException when a CSV header has neither the url nor the product column
     */
    public void read(InputStream in, String source, LogSink sink) {
        LineReader lines = new LineReader(
                in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16), maxLineBytes);
        try {
            if (kind == Kind.JSONL) {
                readJsonl(lines, source, sink);
            } else {
                readCsv(lines, source, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private void readJsonl(LineReader lines, String source, LogSink sink) throws IOException {
        while (lines.next()) {
            long no = lines.lineNo();
            if (lines.tooLong()) {
                sink.issue(IssueKind.LINE_TOO_LONG, source, no);
                continue;
            }
            String text = lines.text();
            if (text.isBlank()) {
                continue;
            }
            if (lines.invalidUtf8()) {
                sink.issue(IssueKind.INVALID_UTF8, source, no);
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                sink.issue(IssueKind.MALFORMED_JSON, source, no);
                continue;
            }
            if (node == null || !node.isObject()) {
                sink.issue(IssueKind.MALFORMED_JSON, source, no);
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            boolean ok = true;
            for (Map.Entry<String, String> f : fields.asMap().entrySet()) {
                JsonNode v = node.get(f.getValue());
                if (v == null || v.isNull()) {
                    continue;
                }
                if (f.getKey().equals("user") && v.isObject() && v.path("id").isTextual()) {
                    values.put("user", v.get("id").asText());
                } else if (f.getKey().equals("time") && v.isNumber()) {
                    values.put("time", v.asText());
                } else if (v.isTextual()) {
                    values.put(f.getKey(), v.asText());
                } else {
                    ok = false;
                }
            }
            if (!ok) {
                sink.issue(IssueKind.INVALID_VALUE, source, no);
                continue;
            }
            emit(values, source, no, sink);
        }
    }

    private void readCsv(LineReader lines, String source, LogSink sink) throws IOException {
        Map<String, Integer> index = null;
        int columns = 0;
        while (lines.next()) {
            long no = lines.lineNo();
            if (lines.tooLong()) {
                sink.issue(IssueKind.LINE_TOO_LONG, source, no);
                continue;
            }
            String text = lines.text();
            boolean badUtf8 = lines.invalidUtf8();
            if (text.isBlank()) {
                continue;
            }
            // a quoted field may span lines: join until the quotes balance
            StringBuilder record = null;
            boolean tooLong = false;
            while (quotes(record == null ? text : record) % 2 == 1) {
                if (record == null) {
                    record = new StringBuilder(text);
                }
                if (!lines.next()) {
                    break;
                }
                if (lines.tooLong()
                        || record.length()
                                        + (lines.text() == null
                                                ? 0
                                                : lines.text().length())
                                > maxLineBytes) {
                    tooLong = true;
                    break;
                }
                badUtf8 |= lines.invalidUtf8();
                record.append('\n').append(lines.text());
            }
            if (tooLong) {
                sink.issue(IssueKind.LINE_TOO_LONG, source, no);
                continue;
            }
            String rec = record == null ? text : record.toString();
            if (badUtf8) {
                sink.issue(IssueKind.INVALID_UTF8, source, no);
            }
            String[] cells;
            try {
                cells = quotes(rec) % 2 == 1 ? null : CSV_LINE.readValue(rec);
            } catch (IOException | RuntimeException e) {
                cells = null;
            }
            if (index == null) {
                if (cells == null) {
                    sink.issue(IssueKind.MALFORMED_CSV, source, no);
                    continue;
                }
                index = header(cells, source);
                columns = cells.length;
                continue;
            }
            if (cells == null || cells.length != columns) {
                sink.issue(IssueKind.MALFORMED_CSV, source, no);
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                String v = cells[e.getValue()];
                if (v != null && !v.isEmpty()) {
                    values.put(e.getKey(), v);
                }
            }
            emit(values, source, no, sink);
        }
    }

    private Map<String, Integer> header(String[] cells, String source) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            byName.putIfAbsent(cells[i].strip(), i);
        }
        Map<String, Integer> index = new HashMap<>();
        for (Map.Entry<String, String> f : fields.asMap().entrySet()) {
            Integer i = byName.get(f.getValue());
            if (i != null) {
                index.put(f.getKey(), i);
            }
        }
        if (!index.containsKey("url") && !index.containsKey("product")) {
            throw new IllegalArgumentException("CSV " + source + ": the header has neither the url column '"
                    + fields.url() + "' nor the product column '" + fields.product() + "' (columns: "
                    + String.join(", ", List.of(cells)) + "); map them with field=column");
        }
        return index;
    }

    private static int quotes(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    private static void emit(Map<String, Object> values, String source, long no, LogSink sink) {
        Classification classification = null;
        String c = (String) values.get("classification");
        if (c != null && !c.isBlank()) {
            try {
                classification = Classification.valueOf(c.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                sink.issue(IssueKind.INVALID_VALUE, source, no);
                return;
            }
        }
        String url = blankToNull((String) values.get("url"));
        String product = blankToNull((String) values.get("product"));
        if (url == null && product == null) {
            sink.issue(IssueKind.MISSING_DESTINATION, source, no);
            return;
        }
        Instant time = null;
        String t = blankToNull((String) values.get("time"));
        if (t != null) {
            time = parseTime(t);
            if (time == null) {
                sink.issue(IssueKind.INVALID_TIME, source, no);
            }
        }
        sink.record(new LogRecord(
                source,
                no,
                time,
                blankToNull((String) values.get("user")),
                url,
                product,
                (String) values.get("content"),
                classification));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** ISO-8601 (instant, offset or local date-time as UTC) or epoch seconds/milliseconds; null if neither. */
    static Instant parseTime(String s) {
        String t = s.strip();
        try {
            if (!t.isEmpty() && t.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
                double v = Double.parseDouble(t);
                return v >= 1e11
                        ? Instant.ofEpochMilli((long) v)
                        : Instant.ofEpochSecond((long) v, (long) ((v - Math.floor(v)) * 1e9));
            }
            String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + "T" + t.substring(11) : t;
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(iso).toInstant();
                } catch (DateTimeParseException e2) {
                    return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
                }
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "LogFormat[" + kind + ", " + fields + ", maxLineBytes=" + maxLineBytes + "]";
    }

    /** For tests: everything read, in order. */
    static List<Object> readAll(LogFormat format, InputStream in) {
        List<Object> out = new ArrayList<>();
        format.read(in, "test", new LogSink() {
            @Override
            public void record(LogRecord record) {
                out.add(record);
            }

            @Override
            public void issue(IssueKind kind, String source, long line) {
                out.add(kind + "@" + line);
            }
        });
        return out;
    }
}
