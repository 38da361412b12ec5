package dev.clearance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Classification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFormatTest {
    private static List<Object> read(LogFormat f, String text) {
        return LogFormat.readAll(f, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void jsonl_wellFormedLines_becomeRecords() {
        List<Object> out = read(LogFormat.jsonl(), """
                {"time": "2026-11-20T10:15:00Z", "user": "u-1", "url": "https://chatgpt.com/c/1", "content": "hi", "classification": "internal", "status": 200}
                {"time": 1763633700, "user": {"id": "u-2"}, "product": "openai:api"}
                """);

        assertThat(out).hasSize(2);
        LogRecord a = (LogRecord) out.get(0);
        assertThat(a.line()).isEqualTo(1);
        assertThat(a.time()).isEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
        assertThat(a.classification()).isEqualTo(Classification.INTERNAL);
        assertThat(a.content()).isEqualTo("hi");
        LogRecord b = (LogRecord) out.get(1);
        assertThat(b.user()).isEqualTo("u-2");
        assertThat(b.product()).isEqualTo("openai:api");
        assertThat(b.time()).isEqualTo(Instant.ofEpochSecond(1763633700));
    }

    @Test
    void jsonl_badLines_areReportedWithLineNumbersAndTheRunGoesOn() {
        List<Object> out = read(LogFormat.jsonl(), """
                {"url": "https://claude.ai/", "content": "broken
                [1, 2]

                {"user": "u-1", "content": "no destination"}
                {"url": "https://claude.ai/", "classification": "SECRETISH"}
                {"url": "https://claude.ai/", "content": 42}
                {"url": "https://claude.ai/", "time": "yesterday"}
                {"url": "https://claude.ai/"} trailing
                {"url": "https://claude.ai/"}
                """);

        assertThat(out).hasSize(9);
        assertThat(out.subList(0, 6))
                .containsExactly(
                        "MALFORMED_JSON@1",
                        "MALFORMED_JSON@2",
                        "MISSING_DESTINATION@4",
                        "INVALID_VALUE@5",
                        "INVALID_VALUE@6",
                        "INVALID_TIME@7");
        assertThat(((LogRecord) out.get(6)).time()).isNull();
        assertThat(out.get(7)).isEqualTo("MALFORMED_JSON@8");
        assertThat(((LogRecord) out.get(8)).line()).isEqualTo(9);
    }

    @Test
    void jsonl_nonUtf8Bytes_areReplacedAndFlagged() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"url\": \"https://claude.ai/\", \"content\": \"caf".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9); // Latin-1 é
        b.writeBytes("\"}\r\n{\"url\": \"https://claude.ai/\"}\n".getBytes(StandardCharsets.UTF_8));

        List<Object> out = LogFormat.readAll(LogFormat.jsonl(), new ByteArrayInputStream(b.toByteArray()));

        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo("INVALID_UTF8@1");
        assertThat(((LogRecord) out.get(1)).content()).isEqualTo("caf\uFFFD");
        assertThat(((LogRecord) out.get(2)).line()).isEqualTo(2);
    }

    @Test
    void jsonl_lineLongerThanTheMaximum_isSkippedAndTheNextLineRead() {
        String huge = "{\"url\": \"https://claude.ai/\", \"content\": \"" + "x".repeat(5_000) + "\"}";

        List<Object> out = read(LogFormat.jsonl().withMaxLineBytes(1_000), huge + "\n{\"url\": \"claude.ai\"}\n");

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo("LINE_TOO_LONG@1");
        assertThat(((LogRecord) out.get(1)).line()).isEqualTo(2);
    }

    @Test
    void jsonl_lastLineWithoutNewline_isRead() {
        assertThat(read(LogFormat.jsonl(), "{\"url\": \"claude.ai\"}")).hasSize(1);
    }

    @Test
    void csv_withColumnMapping_readsQuotedAndMultiLineFields() {
        LogFormat csv = LogFormat.of(
                LogFormat.Kind.CSV, LogFields.parse("time=ts, user=username, url=request_url, content=body"));

        List<Object> out = read(csv, """
                ts,username,request_url,body,bytes
                2026-11-20 10:15:00,alice,https://chatgpt.com/,"hello, ""world\"\"",12
                2026-11-20 10:16:00,bob,https://claude.ai/,"line one
                line two",20
                2026-11-20 10:17:00,carol,https://claude.ai/
                2026-11-20 10:18:00,dave,,no destination,3
                2026-11-20 10:19:00,erin,https://gemini.google.com/,"unterminated,4
                """);

        assertThat(out).hasSize(5);
        LogRecord a = (LogRecord) out.get(0);
        assertThat(a.user()).isEqualTo("alice");
        assertThat(a.content()).isEqualTo("hello, \"world\"");
        assertThat(a.time()).isEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
        LogRecord b = (LogRecord) out.get(1);
        assertThat(b.content()).isEqualTo("line one\nline two");
        assertThat(b.line()).isEqualTo(3);
        assertThat(out.subList(2, 5)).containsExactly("MALFORMED_CSV@5", "MISSING_DESTINATION@6", "MALFORMED_CSV@7");
    }

    @Test
    void csv_headerWithoutDestinationColumn_failsNamingTheColumns() {
        assertThatThrownBy(() -> read(LogFormat.csv(), "when,who\n1,2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("when, who")
                .hasMessageContaining("'url'");
    }

    @Test
    void logFieldsParse_unknownField_fails() {
        assertThatThrownBy(() -> LogFields.parse("host=h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field 'host'");
    }

    @Test
    void parseTime_acceptsIsoOffsetLocalAndEpoch() {
        Instant t = Instant.parse("2026-11-20T10:15:00Z");
        assertThat(LogFormat.parseTime("2026-11-20T11:15:00+01:00")).isEqualTo(t);
        assertThat(LogFormat.parseTime("2026-11-20T10:15:00")).isEqualTo(t);
        assertThat(LogFormat.parseTime(String.valueOf(t.toEpochMilli()))).isEqualTo(t);
        assertThat(LogFormat.parseTime("20/11/2026")).isNull();
    }

    @Test
    void logRecordToString_neverShowsContentOrUrl() {
        LogRecord r = new LogRecord("f", 1, null, "u", "https://x/?q=secret", null, "my password is hunter2", null);

        assertThat(r.toString()).doesNotContain("hunter2").doesNotContain("secret");
    }
}
