package dev.clearance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clearance.PolicyEngine;
import dev.clearance.authoring.PackDiff;
import dev.clearance.authoring.Situation;
import dev.clearance.authoring.SituationOutcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Shows every situation of the enumerated domain (classification x tier x training x zero data",
            "retention x opt-out x findings) that two packs decide differently: effect, reasons or redactions.",
            "With one PACK, compares the built-in default pack against it. Exit 1 with --fail-on-change when",
            "anything changed."
        })
final class DiffCommand implements Callable<Integer> {
    @Mixin
    TrustOption trust = new TrustOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "PACK",
            arity = "1..2",
            description = "PACK_A PACK_B, or PACK_B alone (PACK_A is then 'default'). A pack is a directory, a"
                    + " .jar/.zip, or 'default'.")
    List<String> packs;

    @Option(names = "--json", description = "One JSON document instead of a table (same as --format json).")
    boolean json;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Candidates.class,
            description = "text (default), json, junit (each changed group a failed testcase) or sarif (each"
                    + " changed group a warning).")
    OutputFormat format = OutputFormat.TEXT;

    @Option(names = "--fail-on-change", description = "Exit 1 when any decision changed (for CI gates).")
    boolean failOnChange;

    @Option(names = "--effects-only", description = "Only changes of effect, not of reasons or redactions.")
    boolean effectsOnly;

    @Override
    public Integer call() throws Exception {
        json = json || format == OutputFormat.JSON;
        String a = packs.size() == 2 ? packs.get(0) : Packs.DEFAULT;
        String b = packs.get(packs.size() - 1);
        PolicyEngine before = Packs.engine(Packs.setup(a, trust.trust()));
        PolicyEngine after = Packs.engine(Packs.setup(b, trust.trust()));
        long started = System.nanoTime();
        PackDiff diff = PackDiff.between(before, after);
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<PackDiff.Change> changes = effectsOnly ? diff.effectChanges() : diff.changes();
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JUNIT || format == OutputFormat.SARIF) {
            List<Group> groups = groups(changes);
            String suite = "diff " + diff.before() + " -> " + diff.after();
            if (format == OutputFormat.JUNIT) {
                List<Reports.TestCase> cases = new ArrayList<>();
                for (Group g : groups) {
                    cases.add(new Reports.TestCase(suite, g.describe(), 0, List.of(g.describe())));
                }
                if (cases.isEmpty()) {
                    cases.add(new Reports.TestCase(
                            suite, "no decision changed in " + diff.situations() + " situations", 0, List.of()));
                }
                out.print(Reports.junitOf("clearance diff", cases, "decision-changed"));
            } else {
                List<dev.clearance.Diagnostic> results = new ArrayList<>();
                List<String> kinds = new ArrayList<>();
                for (Group g : groups) {
                    results.add(new dev.clearance.Diagnostic(
                            dev.clearance.Severity.WARNING, "", 0, 0, null, g.describe() + " (" + suite + ")"));
                    kinds.add(Reports.DECISION_CHANGED);
                }
                out.println(Reports.json(Reports.sarif(results, kinds)));
            }
        } else if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("before", diff.before());
            doc.put("after", diff.after());
            doc.put("situations", diff.situations());
            doc.put("changed", changes.size());
            List<Object> list = new ArrayList<>();
            for (PackDiff.Change c : changes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("situation", situation(c.situation()));
                m.put("before", outcome(c.before()));
                m.put("after", outcome(c.after()));
                list.add(m);
            }
            doc.put("changes", list);
            List<Object> groups = new ArrayList<>();
            for (Group g : groups(changes)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("situations", g.count());
                m.put("before", g.before());
                m.put("after", g.after());
                m.put("rules", g.rules());
                groups.add(m);
            }
            doc.put("groups", groups);
            out.println(new ObjectMapper()
                    .disable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc));
        } else {
            if (!changes.isEmpty()) {
                int width = Math.max(
                        9,
                        changes.stream()
                                .mapToInt(c -> c.situation().describe().length())
                                .max()
                                .orElse(0));
                int beforeWidth = Math.max(
                        6,
                        changes.stream()
                                .mapToInt(c -> c.before().summary().length())
                                .max()
                                .orElse(0));
                String row = "%-" + width + "s  %-" + beforeWidth + "s  %s%n";
                out.printf(row, "situation", diff.before(), diff.after());
                for (PackDiff.Change c : changes) {
                    out.printf(
                            row,
                            c.situation().describe(),
                            c.before().summary(),
                            c.after().summary());
                }
            }
            for (Group g : groups(changes)) {
                out.println(g.describe());
            }
            out.println(changes.size() + " of " + diff.situations() + " situations change decision (" + diff.before()
                    + " -> " + diff.after() + ", " + millis + " ms)");
        }
        return failOnChange && !changes.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * Changes of the same kind: effect before and after, and the rules whose presence among the reasons changed
     * (acted before but not after, or the reverse).
     */
    record Group(String before, String after, List<String> rules, int count) {
        String describe() {
            return String.format(java.util.Locale.ROOT, "%,d", count) + " situation" + (count == 1 ? "" : "s") + " "
                    + before + " -> " + after
                    + (rules.isEmpty() ? " (same rules; redactions differ)" : ", by rule " + String.join(", ", rules));
        }
    }

    static List<Group> groups(List<PackDiff.Change> changes) {
        Map<List<Object>, Integer> counts = new LinkedHashMap<>();
        for (PackDiff.Change c : changes) {
            TreeSet<String> rules = new TreeSet<>(c.before().ruleIds());
            rules.addAll(c.after().ruleIds());
            TreeSet<String> common = new TreeSet<>(c.before().ruleIds());
            common.retainAll(c.after().ruleIds());
            rules.removeAll(common);
            List<Object> key =
                    List.of(c.before().effect().name(), c.after().effect().name(), List.copyOf(rules));
            counts.merge(key, 1, Integer::sum);
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((k, n) -> {
            @SuppressWarnings("unchecked")
            List<String> rules = (List<String>) k.get(2);
            groups.add(new Group((String) k.get(0), (String) k.get(1), rules, n));
        });
        groups.sort(java.util.Comparator.comparingInt(Group::count)
                .reversed()
                .thenComparing(Group::before)
                .thenComparing(Group::after)
                .thenComparing(g -> String.join(",", g.rules())));
        return groups;
    }

    private static Map<String, Object> situation(Situation s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classification", s.classification().name());
        m.put("tier", s.tier().name());
        m.put("trainsOnData", s.trainsOnData());
        m.put("zeroDataRetention", s.zeroDataRetention());
        m.put("trainingOptOut", s.trainingOptOut());
        m.put("findings", s.findings().stream().map(Enum::name).toList());
        m.put("key", s.key());
        return m;
    }

    private static Map<String, Object> outcome(SituationOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("effect", o.effect().name());
        m.put("ruleIds", o.ruleIds());
        m.put("redactedTypes", new TreeSet<>(o.redactedTypes()));
        return m;
    }
}
