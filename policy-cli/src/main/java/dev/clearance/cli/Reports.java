package dev.clearance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clearance.Diagnostic;
import dev.clearance.Severity;
import dev.clearance.authoring.CaseResult;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Machine-readable reports of check, test and diff: JSON, JUnit XML, SARIF 2.1.0. Never content. */
final class Reports {
    static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** SARIF rule ids of the results check, test and diff report. */
    static final String COMPILE = "clearance.compile";

    static final String CASE_FAILED = "clearance.case-failed";
    static final String DECISION_CHANGED = "clearance.decision-changed";

    private static final Map<String, String> RULE_DESCRIPTIONS = Map.of(
            COMPILE,
            "The pack does not compile",
            "clearance.cases",
            "A case file is not valid",
            "clearance.analysis",
            "Pack analysis",
            CASE_FAILED,
            "A policy case did not get its expected decision",
            DECISION_CHANGED,
            "Situations that the two packs decide differently");

    private Reports() {}

    static String json(Object doc) {
        try {
            return new ObjectMapper()
                    .disable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    static Map<String, Object> diagnostic(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", d.severity().name());
        m.put("file", d.resource());
        m.put("line", d.line());
        m.put("column", d.column());
        m.put("ruleId", d.ruleId());
        m.put("message", d.message());
        return m;
    }

    /**
     * A SARIF 2.1.0 log of one run: each diagnostic a result with its level, message and, when it has a file,
     * a physical location (region only when the line is known). {@code kind} names the analysis that produced it.
     */
    static Map<String, Object> sarif(List<Diagnostic> diagnostics, List<String> kinds) {
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ruleId", kinds.get(i));
            r.put("level", level(d.severity()));
            r.put("message", Map.of("text", d.message()));
            if (!d.resource().isEmpty()) {
                Map<String, Object> physical = new LinkedHashMap<>();
                physical.put("artifactLocation", Map.of("uri", uri(d.resource())));
                if (d.line() > 0) {
                    Map<String, Object> region = new LinkedHashMap<>();
                    region.put("startLine", d.line());
                    if (d.column() > 0) {
                        region.put("startColumn", d.column());
                    }
                    physical.put("region", region);
                }
                r.put("locations", List.of(Map.of("physicalLocation", physical)));
            }
            if (d.ruleId() != null && !d.ruleId().isEmpty()) {
                r.put("properties", Map.of("packRule", d.ruleId()));
            }
            results.add(r);
        }
        List<Object> rules = new ArrayList<>();
        for (String kind : new java.util.TreeSet<>(kinds)) {
            rules.add(Map.of(
                    "id",
                    kind,
                    "shortDescription",
                    Map.of("text", RULE_DESCRIPTIONS.getOrDefault(kind, "Pack analysis"))));
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "clearance");
        driver.put("informationUri", "https://github.com/clearance-dev/clearance");
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SARIF_SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            default -> "note";
        };
    }

    private static String uri(String resource) {
        String r = resource.replace('\\', '/');
        if (r.startsWith("<") || r.contains("!/")) {
            return r.replace("<", "").replace(">", "");
        }
        Path p = Path.of(resource);
        return p.isAbsolute() ? p.toUri().toString() : r;
    }

    /**
     * One JUnit testcase: the suite (testsuite) it belongs to, its name, its time, and its failures (none when it
     * passed; the first is the failure's message, all of them its text). Rule ids, case names, file positions only.
     */
    record TestCase(String suite, String name, long micros, List<String> failures) {
        TestCase {
            failures = List.copyOf(failures);
        }

        boolean passed() {
            return failures.isEmpty();
        }
    }

    /** JUnit XML of policy cases: one testsuite per case file, one testcase per case. */
    static String junit(String suiteName, List<CaseResult> results) {
        List<TestCase> cases = new ArrayList<>();
        for (CaseResult r : results) {
            cases.add(new TestCase(
                    r.policyCase().file(),
                    r.policyCase().name(),
                    r.decision().elapsedMicros(),
                    r.passed() ? List.of() : r.problems()));
        }
        return junitOf(suiteName, cases, "expectation");
    }

    /**
     * JUnit XML (the Ant/Surefire schema CI servers read): one testsuite per distinct {@link TestCase#suite()}, in
     * order of first appearance; each failure of {@code failureType}.
     */
    static String junitOf(String suiteName, List<TestCase> testCases, String failureType) {
        try {
            Document doc =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suites = doc.createElement("testsuites");
            suites.setAttribute("name", suiteName);
            doc.appendChild(suites);
            Map<String, List<TestCase>> bySuite = new LinkedHashMap<>();
            for (TestCase c : testCases) {
                bySuite.computeIfAbsent(c.suite(), k -> new ArrayList<>()).add(c);
            }
            int failures = 0;
            for (Map.Entry<String, List<TestCase>> e : bySuite.entrySet()) {
                Element suite = doc.createElement("testsuite");
                suite.setAttribute("name", e.getKey());
                int failed = 0;
                for (TestCase c : e.getValue()) {
                    Element tc = doc.createElement("testcase");
                    tc.setAttribute("classname", e.getKey());
                    tc.setAttribute("name", c.name());
                    tc.setAttribute("time", seconds(c.micros()));
                    if (!c.passed()) {
                        failed++;
                        Element f = doc.createElement("failure");
                        f.setAttribute("message", c.failures().get(0));
                        f.setAttribute("type", failureType);
                        f.setTextContent(String.join("\n", c.failures()));
                        tc.appendChild(f);
                    }
                    suite.appendChild(tc);
                }
                suite.setAttribute("tests", Integer.toString(e.getValue().size()));
                suite.setAttribute("failures", Integer.toString(failed));
                suite.setAttribute("errors", "0");
                suite.setAttribute("skipped", "0");
                suites.appendChild(suite);
                failures += failed;
            }
            suites.setAttribute("tests", Integer.toString(testCases.size()));
            suites.setAttribute("failures", Integer.toString(failures));
            suites.setAttribute("errors", "0");
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.6f", micros / 1_000_000.0);
    }
}
