package dev.clearance.cli;

import dev.clearance.Decision;
import dev.clearance.Explanation;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyJson;
import dev.clearance.PolicyRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clearance explain}: one request in, the decision with every rule that acted (overridden ones too), the
 * facts the rules read and the single changes that would make it more permissive. Never content.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explains the decision of one request (a request JSON file, or - for standard input): every rule",
            "that acted, including overridden ones, the facts they read (finding types and counts, never values),",
            "and the single changes of destination, account state or content that would allow it, with hints."
        })
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PackOptions packOptions;

    @Parameters(paramLabel = "REQUEST", description = "Request JSON file, or - for standard input.")
    String request;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Candidates.class,
            description = "text (default) or json.")
    OutputFormat format = OutputFormat.TEXT;

    @Override
    public Integer call() {
        format.require(spec.commandLine(), OutputFormat.TEXT, OutputFormat.JSON);
        PolicyRequest req = PolicyJson.readRequest(Io.readAll(request));
        PolicyEngine engine = packOptions.builder().build();
        Decision d = engine.explain(req);
        PrintWriter out = spec.commandLine().getOut();
        Explanation e = d.explain().orElse(null);
        if (format == OutputFormat.JSON) {
            out.println(Reports.json(json(d, e)));
        } else {
            text(out, d, e);
        }
        return ExitCodes.OK;
    }

    static void text(PrintWriter out, Decision d, Explanation e) {
        out.println(d.effect() + " by " + d.pack() + "@" + d.packVersion()
                + (d.ruleIds().isEmpty() ? "" : " (" + String.join(", ", d.ruleIds()) + ")"));
        if (e == null) {
            out.println("no explanation could be made");
            return;
        }
        Explanation.Facts f = e.facts();
        out.println("facts:");
        out.println("  data: " + f.classification()
                + (f.classification() != f.declaredClassification()
                        ? " (declared " + f.declaredClassification() + ")"
                        : "")
                + ", " + f.direction());
        out.println("  destination: " + (f.product() == null ? f.provider() + " (not in the catalog)" : f.product())
                + ", tier " + f.tier() + ", trains on data " + yesNo(f.trainsOnData()) + ", training opt-out "
                + (f.trainingOptOut() == null ? "unknown" : yesNo(f.trainingOptOut())) + ", zero data retention "
                + yesNo(f.zeroDataRetention()));
        out.println("  findings: " + (f.findings().isEmpty() ? "none" : findings(f.findings())));
        out.println("rules:");
        if (e.matches().isEmpty()) {
            out.println("  none matched (default deny)");
        }
        for (Explanation.Match m : e.matches()) {
            out.println("  " + (m.decided() ? "* " : "  ") + m.ruleId() + " "
                    + (m.effect() == null ? "note" : m.effect().name())
                    + (m.findingType() == null ? "" : " on " + m.findingType())
                    + (m.decided() || m.effect() == null ? "" : " (overridden)")
                    + (m.message().isEmpty() ? "" : ": " + m.message()));
        }
        remediation(d).ifPresent(m -> out.println("what to do: " + m.hint()));
        if (!e.counterfactuals().isEmpty()) {
            out.println("would change it:");
            for (Explanation.Counterfactual c : e.counterfactuals()) {
                out.println("  " + c.description());
                if (!c.hint().isEmpty()) {
                    out.println("    hint: " + c.hint());
                }
            }
        } else if (d.effect() != dev.clearance.Effect.ALLOW) {
            out.println("would change it: no single change of destination, account state or content");
        }
    }

    /** The remediation the DENY reasons carry (the same on each), if any. */
    static java.util.Optional<dev.clearance.Remediation> remediation(Decision d) {
        return d.reasons().stream()
                .map(dev.clearance.Reason::remediation)
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String findings(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((type, n) -> parts.add(type + " ×" + n));
        return String.join(", ", parts);
    }

    static Map<String, Object> json(Decision d, Explanation e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("effect", d.effect().name());
        doc.put("pack", d.pack() + "@" + d.packVersion());
        doc.put("ruleIds", d.ruleIds());
        remediation(d).ifPresent(m -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("product", m.product());
            rm.put("optOut", m.optOut());
            rm.put(
                    "alternatives",
                    m.alternatives().stream()
                            .map(a -> {
                                Map<String, Object> am = new LinkedHashMap<>();
                                am.put("product", a.product());
                                am.put("name", a.name());
                                am.put("tier", a.tier().name());
                                am.put("effect", a.effect().name());
                                return am;
                            })
                            .toList());
            rm.put("hint", m.hint());
            doc.put("remediation", rm);
        });
        if (e == null) {
            doc.put("explanation", null);
            return doc;
        }
        Explanation.Facts f = e.facts();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("classification", f.classification().name());
        facts.put("declaredClassification", f.declaredClassification().name());
        facts.put("direction", f.direction().name());
        facts.put("product", f.product());
        facts.put("provider", f.provider());
        facts.put("tier", f.tier().name());
        facts.put("catalogued", f.catalogued());
        facts.put("trainsOnData", f.trainsOnData());
        facts.put("trainingOptOut", f.trainingOptOut());
        facts.put("zeroDataRetention", f.zeroDataRetention());
        facts.put("findings", f.findings());
        doc.put("facts", facts);
        List<Object> matches = new ArrayList<>();
        for (Explanation.Match m : e.matches()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("ruleId", m.ruleId());
            mm.put("effect", m.effect() == null ? null : m.effect().name());
            mm.put("decided", m.decided());
            mm.put("findingType", m.findingType());
            mm.put("message", m.message());
            matches.add(mm);
        }
        doc.put("matches", matches);
        List<Object> cfs = new ArrayList<>();
        for (Explanation.Counterfactual c : e.counterfactuals()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("change", c.change().name());
            cm.put("target", c.target());
            cm.put("effect", c.effect().name());
            cm.put("description", c.description());
            cm.put("hint", c.hint());
            cfs.add(cm);
        }
        doc.put("counterfactuals", cfs);
        return doc;
    }
}
