package dev.clearance.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearance.Classification;
import dev.clearance.InvalidRequestException;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyJson;
import dev.clearance.PolicyRequest;
import dev.clearance.Tier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Decides one request (--request FILE|- or flags) and prints the decision JSON;",
            "with --jsonl, decides one request per line of standard input, one decision per line."
        })
final class EvaluateCommand implements Callable<Integer> {
    private static final ObjectMapper TREE = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PackOptions packOptions;

    @Mixin
    AuditOptions auditOptions;

    @Option(names = "--request", paramLabel = "FILE|-", description = "Request JSON file, or - for stdin.")
    String request;

    @Option(names = "--jsonl", description = "Stream: one request JSON per stdin line, one decision per line.")
    boolean jsonl;

    @Option(names = "--product", description = "Catalog product id, e.g. openai:chatgpt-free.")
    String product;

    @Option(names = "--provider", description = "Provider of an uncatalogued product.")
    String provider;

    @Option(names = "--tier", description = "Tier of an uncatalogued product: ${COMPLETION-CANDIDATES}.")
    Tier tier;

    @Option(
            names = "--opt-out",
            arity = "0..1",
            paramLabel = "true|false",
            description = "The account opted out of training.")
    Boolean optOut;

    @Option(
            names = "--zdr",
            arity = "0..1",
            paramLabel = "true|false",
            description = "The account has zero data retention.")
    Boolean zdr;

    @Option(names = "--classification", description = "Declared classification: ${COMPLETION-CANDIDATES}.")
    Classification classification;

    @Option(names = "--text", description = "Content to send.")
    String text;

    @Option(names = "--id", description = "Correlation id echoed in the decision.")
    String id;

    @Override
    public Integer call() {
        int modes = (request != null ? 1 : 0)
                + (jsonl ? 1 : 0)
                + (product != null || provider != null || tier != null ? 1 : 0);
        if (modes != 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "give exactly one of --request FILE|-, --jsonl, or destination flags (--product/--tier)");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AuditOptions audit = auditOptions) {
            if (jsonl) {
                return stream(audit.apply(packOptions.builder()).build(), out);
            }
            PolicyRequest req = request != null ? PolicyJson.readRequest(Io.readAll(request)) : fromFlags();
            PolicyEngine engine = audit.apply(packOptions.builder()).build();
            out.println(PolicyJson.write(engine.evaluate(req)));
            return ExitCodes.OK;
        }
    }

    private PolicyRequest fromFlags() {
        if (tier == Tier.UNKNOWN) {
            throw new InvalidRequestException("destination.tier", "tier UNKNOWN cannot be requested");
        }
        return PolicyRequest.builder()
                .id(id)
                .destination(new PolicyRequest.Destination(product, provider, tier, optOut, zdr))
                .classification(classification)
                .content(text)
                .build();
    }

    private int stream(PolicyEngine engine, PrintWriter out) {
        return Io.jsonl(out, (line, lineNo) -> {
            try {
                out.println(PolicyJson.write(engine.evaluate(PolicyJson.readRequest(line))));
                return ExitCodes.OK;
            } catch (InvalidRequestException e) {
                out.println(errorLine(line, lineNo, e));
                spec.commandLine().getErr().println("clearance: line " + lineNo + ": " + ExitCodes.describe(e));
                return ExitCodes.INVALID_INPUT;
            }
        });
    }

    /** {@code {"id": …, "error": …, "field": …, "line": N}} so that output lines stay aligned with input lines. */
    static String errorLine(String line, int lineNo, InvalidRequestException e) {
        String reqId = null;
        try {
            JsonNode node = TREE.readTree(line);
            if (node != null && node.path("id").isTextual()) {
                reqId = node.get("id").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // unparseable: no id to echo
        }
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("id", reqId);
            g.writeStringField("error", e.getMessage());
            g.writeStringField("field", e.field());
            g.writeNumberField("line", lineNo);
            g.writeEndObject();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return w.toString();
    }
}
