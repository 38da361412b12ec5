package dev.clearance.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.clearance.ContentScanner;
import dev.clearance.DetectionTuning;
import dev.clearance.Finding;
import dev.clearance.PolicyEngine;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Finds secrets, personal data and custom terms.",
            "--jsonl: the benchmark protocol: stdin lines {\"id\",\"text\"} -> stdout lines",
            "{\"id\",\"findings\":[{\"type\",\"rule\",\"start\",\"end\"}]}, same order.",
            "Without --jsonl: scans --text or all of stdin and prints one findings line.",
            "--explain: one line per finding: recognizer, confidence, the context that raised or lowered it,",
            "and the value masked (its first and last characters are never printed either)."
        })
final class ScanCommand implements Callable<Integer> {
    private static final JsonFactory JSON = new JsonFactory();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PackOptions packOptions;

    @Option(names = "--jsonl", description = "Stream {\"id\",\"text\"} lines from stdin.")
    boolean jsonl;

    @Option(names = "--text", description = "Text to scan (default: all of stdin).")
    String text;

    @Option(
            names = "--explain",
            description = "Per finding: recognizer, confidence and the context that changed it; values masked.")
    boolean explain;

    @Option(
            names = "--entities",
            description = "Also find people, places, organisations and dates (entity recognition) when the pack"
                    + " does not turn it on itself.")
    boolean entities;

    @Option(names = "--path", description = "Path the text comes from, matched by the pack's tuning.exclude paths.")
    String path;

    @Option(
            names = "--label",
            description = "A label of the text, matched by the pack's tuning.exclude labels (repeatable).")
    List<String> labels = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        ContentScanner scanner = scanner();
        PrintWriter out = spec.commandLine().getOut();
        DetectionTuning.Scope scope = new DetectionTuning.Scope(path, labels);
        if (explain && !jsonl) {
            explain(
                    out,
                    scanner.explain(
                            packOptions.withinLimit(text != null ? text : Io.readText("-")),
                            DetectionTuning.none(),
                            scope));
            return ExitCodes.OK;
        }
        if (!jsonl) {
            write(
                    out,
                    null,
                    scanner.scan(
                            packOptions.withinLimit(text != null ? text : Io.readText("-")),
                            DetectionTuning.none(),
                            scope));
            out.println();
            return ExitCodes.OK;
        }
        return Io.jsonlParallel(out, spec.commandLine().getErr(), Io.scanThreads(), (line, lineNo) -> {
            String[] idText = parse(line);
            if (idText == null) {
                return new Io.LineResult(
                        "{\"id\":null,\"error\":\"invalid line\",\"line\":" + lineNo + "}",
                        "clearance: line " + lineNo + ": expected {\"id\": string, \"text\": string}",
                        ExitCodes.INVALID_INPUT);
            }
            if (idText[1].length() > packOptions.maxContentChars) {
                return new Io.LineResult(
                        "{\"id\":null,\"error\":\"limit.maxContentChars\",\"line\":" + lineNo + "}",
                        "clearance: line " + lineNo + ": text exceeds the maximum content length of "
                                + packOptions.maxContentChars
                                + " UTF-16 units (EvaluationLimits.maxContentChars(), --max-content-chars)",
                        ExitCodes.INVALID_INPUT);
            }
            List<Finding> findings;
            String err = null;
            int code = ExitCodes.OK;
            try {
                findings = scanner.scan(idText[1], DetectionTuning.none(), scope);
            } catch (RuntimeException e) {
                // a detector bug must not end the stream: report it (never the text) and go on
                err = "clearance: line " + lineNo + ": scan failed with "
                        + e.getClass().getSimpleName();
                findings = List.of();
                code = ExitCodes.FAILED;
            }
            StringWriter w = new StringWriter(64 + 96 * findings.size());
            write(w, idText[0], findings);
            return new Io.LineResult(w.toString(), err, code);
        });
    }

    /**
     * The engine's scanner without the engine: the defaults and what the pack asks (term sets, tuning, entities,
     * phone regions), as {@link PolicyEngine.Builder#build()} makes it; {@code --entities} adds entity recognition
     * of every type to a pack that has none. Scanning decides nothing, so the pack's rules are not compiled.
     */
    private ContentScanner scanner() {
        if (packOptions.pack == null) {
            // the built-in pack asks nothing of the scanner (ScanDefaultPackTest): reading it would only cost
            // start-up (its YAML and catalog), which is most of a short scan's time
            ContentScanner.Builder b = ContentScanner.builder().addDefaults();
            if (entities) {
                b.addEntityRecognizers();
            }
            return b.build();
        }
        RulePack pack = packOptions.rulePack();
        ContentScanner.Builder b = ContentScanner.builder().addDefaults().pack(pack);
        if (entities && pack.entityTypes().isEmpty()) {
            b.addEntityRecognizers();
        }
        return b.build();
    }

    /**
     * One line per finding. The value is shown only as a mask of its length ({@code [40 chars]}): no character of
     * it is printed, so the output may go to logs and tickets.
     */
    static void explain(PrintWriter out, List<DetectionTuning.Explanation> explanations) {
        if (explanations.isEmpty()) {
            out.println("no findings");
            return;
        }
        for (DetectionTuning.Explanation e : explanations) {
            Finding f = e.finding();
            StringBuilder line = new StringBuilder();
            line.append(f.type())
                    .append(" rule=")
                    .append(f.rule())
                    .append(" span=[")
                    .append(f.start())
                    .append(',')
                    .append(f.end())
                    .append(") value=[")
                    .append(f.length())
                    .append(" chars masked] confidence=")
                    .append(String.format(Locale.ROOT, "%.2f", f.confidence()));
            if (f.confidence() != e.detected()) {
                line.append(" (recognizer ")
                        .append(String.format(Locale.ROOT, "%.2f", e.detected()))
                        .append(')');
            }
            if (!e.adjustments().isEmpty()) {
                line.append(" context: ").append(String.join("; ", e.adjustments()));
            }
            line.append(" -> ").append(e.outcome());
            out.println(line);
        }
    }

    /** {id, text} of a protocol line, or null when the line is not one. */
    private static String[] parse(String line) {
        String id = null;
        String text = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("id".equals(name) && (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT)) {
                    id = p.getText();
                } else if ("text".equals(name) && t == JsonToken.VALUE_STRING) {
                    text = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return text == null ? null : new String[] {id, text};
    }

    private static void write(Writer out, String id, List<Finding> findings) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.writeStartObject();
            if (id != null) {
                g.writeStringField("id", id);
            }
            g.writeArrayFieldStart("findings");
            for (Finding f : findings) {
                g.writeStartObject();
                g.writeStringField("type", f.type());
                g.writeStringField("category", f.category().name());
                g.writeStringField("rule", f.rule());
                g.writeNumberField("start", f.start());
                g.writeNumberField("end", f.end());
                g.writeNumberField("confidence", f.confidence());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
