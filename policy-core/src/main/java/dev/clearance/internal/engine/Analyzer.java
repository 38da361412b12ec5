package dev.clearance.internal.engine;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Diagnostic;
import dev.clearance.Finding;
import dev.clearance.PolicyRequest;
import dev.clearance.ReasonIds;
import dev.clearance.Redaction;
import dev.clearance.Severity;
import dev.clearance.Tier;
import dev.clearance.authoring.Situation;
import dev.clearance.authoring.SituationOutcome;
import dev.clearance.facts.Destination;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs a compiled pack over the enumerated domain with synthetic facts. Internal: may change at any time. */
public final class Analyzer {
    private static final int EXAMPLES = 3;
    /** Facts the domain does not enumerate: a rule that needs them cannot fire in the analysis. */
    private static final Pattern OUTSIDE_DOMAIN = Pattern.compile(
            "User\\s*\\(|Context\\s*\\(|labels|\\bproduct\\b|provider|catalogued|humanReview|contentLength"
                    + "|hasContent|the user |the purpose |labelled|the product |run by |in the catalog|may read"
                    + "|finding of type|confidence|\\brule\\s*==");

    private Analyzer() {}

    /** Decides every situation of {@link Situation#all()}. */
    public static List<SituationOutcome> run(Evaluator evaluator) {
        // the evaluator is thread-safe (pooled sessions); the order of the domain is kept
        return Situation.all().parallelStream().map(s -> run(evaluator, s)).toList();
    }

    /** Decides one situation. */
    public static SituationOutcome run(Evaluator evaluator, Situation s) {
        List<Finding> findings = new ArrayList<>(s.findings().size());
        int at = 0;
        for (Situation.FindingKind k : s.findings()) {
            findings.add(
                    switch (k) {
                        case SECRET -> Finding.secret("synthetic-secret", at, at + 1, 1.0);
                        case PII -> Finding.pii("EMAIL_ADDRESS", "synthetic-email", at, at + 1, 1.0, false);
                        case HIGH_RISK_PII -> Finding.pii("US_SSN", "synthetic-ssn", at, at + 1, 1.0, true);
                        case CUSTOM ->
                            Finding.custom(
                                    "synthetic", "synthetic-term", at, at + 1, Classification.CONFIDENTIAL, false);
                        case CUSTOM_REDACT ->
                            Finding.custom("synthetic-redacted", "synthetic-term", at, at + 1, null, true);
                    });
            at++;
        }
        PolicyRequest request = PolicyRequest.builder()
                .product("analysis:synthetic")
                .classification(s.classification())
                .content(" ".repeat(Math.max(1, at)))
                .build();
        Destination destination = new Destination(
                "analysis:" + s.tier().name().toLowerCase(Locale.ROOT),
                "analysis",
                s.tier(),
                s.tier() != Tier.UNKNOWN,
                s.trainsOnData(),
                s.zeroDataRetention(),
                s.trainingOptOut(),
                false);
        Evaluator.Trace trace = evaluator.trace(request, destination, findings);
        Decision d = trace.decision();
        Set<String> redacted = new TreeSet<>();
        for (Redaction r : d.redactions()) {
            redacted.add(r.type());
        }
        return new SituationOutcome(s, d.effect(), d.ruleIds(), redacted, trace.firedRules());
    }

    /**
     * What the analysis found.
     *
     * @param diagnostics      warnings (and infos), located at the rule's definition when possible
     * @param neverFired       rules that acted in no situation, in rule-id order
     * @param alwaysOverridden rules that acted but never appeared among a decision's reasons, in rule-id order
     */
    public record Report(List<Diagnostic> diagnostics, List<String> neverFired, List<String> alwaysOverridden) {
        public Report {
            diagnostics = List.copyOf(diagnostics);
            neverFired = List.copyOf(neverFired);
            alwaysOverridden = List.copyOf(alwaysOverridden);
        }
    }

    /** Diagnoses the pack from its outcomes over the domain. */
    public static Report diagnose(RulePack pack, List<String> ruleIds, List<SituationOutcome> outcomes) {
        List<Diagnostic> out = new ArrayList<>();
        List<String> never = new ArrayList<>();
        List<String> overridden = new ArrayList<>();
        int n = outcomes.size();
        List<SituationOutcome> defaults = outcomes.stream()
                .filter(o -> o.ruleIds().contains(ReasonIds.DEFAULT_DENY))
                .toList();
        if (!defaults.isEmpty()) {
            out.add(new Diagnostic(
                    Severity.WARNING,
                    "",
                    0,
                    0,
                    ReasonIds.DEFAULT_DENY,
                    defaults.size() + " of " + n + " situations fall to default-deny (no rule decides them), e.g. "
                            + examples(defaults)));
        }
        List<SituationOutcome> errors = outcomes.stream()
                .filter(o -> o.ruleIds().contains(ReasonIds.EVALUATION_ERROR))
                .toList();
        if (!errors.isEmpty()) {
            out.add(new Diagnostic(
                    Severity.WARNING,
                    "",
                    0,
                    0,
                    null,
                    errors.size() + " of " + n + " situations fail closed because a rule throws, e.g. "
                            + examples(errors)));
        }
        Map<String, Integer> fired = new HashMap<>();
        Map<String, Integer> decided = new HashMap<>();
        for (SituationOutcome o : outcomes) {
            for (String r : o.firedRules()) {
                fired.merge(r, 1, Integer::sum);
            }
            for (String r : new HashSet<>(o.ruleIds())) {
                decided.merge(r, 1, Integer::sum);
            }
        }
        Map<String, String> sources = sources(pack);
        for (String rule : ruleIds) {
            int[] loc = locate(pack, rule);
            String file = loc == null ? "" : pack.files().get(loc[2]).path();
            int line = loc == null ? 0 : loc[0];
            int col = loc == null ? 0 : loc[1];
            if (!fired.containsKey(rule)) {
                never.add(rule);
                String body = sources.getOrDefault(rule, "");
                boolean outside = OUTSIDE_DOMAIN.matcher(body).find();
                out.add(new Diagnostic(
                        outside ? Severity.INFO : Severity.WARNING,
                        file,
                        line,
                        col,
                        rule,
                        outside
                                ? "rule '" + rule + "' never fires over the " + n + " enumerated situations; it"
                                        + " reads facts the analysis does not enumerate (user, purpose, labels, product),"
                                        + " so cover it with a case"
                                : "rule '" + rule + "' never fires over the " + n + " enumerated situations"));
            } else if (!decided.containsKey(rule)) {
                overridden.add(rule);
                out.add(new Diagnostic(
                        Severity.WARNING,
                        file,
                        line,
                        col,
                        rule,
                        "rule '" + rule + "' acts in "
                                + fired.get(rule) + " situations but its effect is always overridden (it never appears"
                                + " among a decision's reasons)"));
            }
        }
        return new Report(out, never, overridden);
    }

    private static String examples(List<SituationOutcome> list) {
        return list.stream().limit(EXAMPLES).map(o -> o.situation().describe()).collect(Collectors.joining("; "))
                + (list.size() > EXAMPLES ? "; …" : "");
    }

    private static final Pattern RULE =
            Pattern.compile("^\\s*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))", Pattern.MULTILINE);

    /** Rule name to the text of its definition, for text rule files. */
    private static Map<String, String> sources(RulePack pack) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RuleFile f : pack.files()) {
            if (f.kind() != RuleFile.Kind.DRL && f.kind() != RuleFile.Kind.DSLR) {
                continue;
            }
            String text = f.text();
            Matcher m = RULE.matcher(text);
            List<int[]> starts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
                starts.add(new int[] {m.start()});
            }
            for (int i = 0; i < names.size(); i++) {
                int end = i + 1 < names.size() ? starts.get(i + 1)[0] : text.length();
                out.put(names.get(i), text.substring(starts.get(i)[0], end));
            }
        }
        return out;
    }

    /** {line, column, file index} of a rule's definition, or null. */
    static int[] locate(RulePack pack, String rule) {
        for (int i = 0; i < pack.files().size(); i++) {
            RuleFile f = pack.files().get(i);
            if (f.kind() == RuleFile.Kind.DECISION_TABLE_XLSX) {
                continue;
            }
            String[] lines = f.text().split("\n", -1);
            for (int l = 0; l < lines.length; l++) {
                Matcher m = RULE.matcher(lines[l]);
                if (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    if (name.equals(rule)) {
                        return new int[] {l + 1, lines[l].indexOf("rule") + 1, i};
                    }
                } else if (f.kind() == RuleFile.Kind.DECISION_TABLE_CSV) {
                    int col = lines[l].indexOf(rule);
                    if (col >= 0) {
                        return new int[] {l + 1, col + 1, i};
                    }
                }
            }
        }
        return null;
    }
}
