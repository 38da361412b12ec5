package dev.clearance.internal.engine;

import dev.clearance.Diagnostic;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import dev.clearance.facts.Verdict;
import dev.clearance.internal.pack.TableHeaders;
import dev.clearance.internal.pack.XlsxTables;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.parser.lang.dsl.DefaultExpander;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.builder.DecisionTableConfiguration;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;

/**
 * A compiled rule pack and its pool of sessions. Compiles once; every {@link #run} borrows a pooled session, so
 * concurrent runs share nothing but the immutable rule base. Internal: may change at any time.
 */
public final class DroolsRuntime {
    /** The global every pack declares and every rule acts on. */
    public static final String VERDICT_GLOBAL = RuleCodePolicy.VERDICT_GLOBAL;

    private static final Pattern QUOTED =
            Pattern.compile("['\"]([A-Za-z_][A-Za-z0-9_.]*)['\"]|\\b([A-Z][A-Z0-9_]{2,})\\b");

    private final KieBase kieBase;
    private final KieSessionsPool pool;
    private final List<String> ruleNames;

    private DroolsRuntime(KieBase kieBase, int poolSize) {
        this.kieBase = kieBase;
        this.pool = kieBase.newKieSessionsPool(poolSize);
        List<String> names = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(r.getName());
            }
        }
        names.sort(Comparator.naturalOrder());
        this.ruleNames = List.copyOf(names);
    }

    /**
     * Compiles every file of {@code pack}.
     *
     * @throws RulePackCompilationException with file, line and column of each error
     */
    public static DroolsRuntime compile(RulePack pack) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        // DSL definitions must be known before the DSLR files that use them
        List<RuleFile> ordered = new ArrayList<>(pack.files());
        ordered.sort(Comparator.comparing(f -> f.kind() == RuleFile.Kind.DSL ? 0 : 1));
        List<Diagnostic> diagnostics = new ArrayList<>();
        boolean verify = !pack.allowsUnrestrictedCode();
        DefaultExpander dsl = verify ? RuleCodeSources.expander(ordered) : null;
        for (RuleFile file : ordered) {
            if (file.text().isBlank()) {
                diagnostics.add(new Diagnostic(
                        Severity.ERROR,
                        file.path(),
                        1,
                        1,
                        null,
                        "the file is empty: a rule file must hold at least one rule"
                                + (file.kind() == RuleFile.Kind.DSL ? " mapping" : "")));
                continue;
            }
            if (file.kind() == RuleFile.Kind.DECISION_TABLE_XLSX
                    && XlsxTables.installed().isEmpty()) {
                // fail closed: without clearance-xlsx (and Apache POI) the table's rules cannot be compiled
                diagnostics.add(new Diagnostic(Severity.ERROR, file.path(), 0, 0, null, XlsxTables.MISSING));
                continue;
            }
            if (file.kind() == RuleFile.Kind.DECISION_TABLE_CSV || file.kind() == RuleFile.Kind.DECISION_TABLE_XLSX) {
                List<Diagnostic> headers = TableHeaders.check(file);
                if (!headers.isEmpty()) {
                    diagnostics.addAll(headers);
                    continue;
                }
            }
            if (file.kind() == RuleFile.Kind.DSLR) {
                // a line that matches no DSL sentence: one message naming the nearest sentence, instead of the
                // expander's "Unable to expand" followed by the parser's errors on the unexpanded line
                List<Diagnostic> unmatched;
                try {
                    unmatched = RuleCodeSources.unmatchedSentences(file, ordered);
                } catch (RuntimeException e) {
                    unmatched = List.of(
                            new Diagnostic(Severity.ERROR, file.path(), lineOf(e), 0, null, clean(describe(e))));
                }
                if (!unmatched.isEmpty()) {
                    diagnostics.addAll(unmatched);
                    continue;
                }
            }
            Resource resource = ResourceFactory.newByteArrayResource(file.bytes());
            resource.setSourcePath(file.path());
            if (verify && file.kind() != RuleFile.Kind.DSL) {
                // before Drools compiles anything: the code as it compiles must stay within RuleCodePolicy
                List<Diagnostic> refused;
                try {
                    refused = RuleCodeSources.verify(file, dsl);
                } catch (RuntimeException e) {
                    diagnostics.add(
                            new Diagnostic(Severity.ERROR, file.path(), lineOf(e), 0, null, clean(describe(e))));
                    continue;
                }
                if (!refused.isEmpty()) {
                    diagnostics.addAll(refused);
                    continue;
                }
            }
            try {
                switch (file.kind()) {
                    case DECISION_TABLE_CSV, DECISION_TABLE_XLSX -> {
                        DecisionTableConfiguration conf = KnowledgeBuilderFactory.newDecisionTableConfiguration();
                        conf.setInputType(
                                file.kind() == RuleFile.Kind.DECISION_TABLE_CSV
                                        ? DecisionTableInputType.CSV
                                        : DecisionTableInputType.XLSX);
                        builder.add(resource, ResourceType.DTABLE, conf);
                    }
                    default -> builder.add(resource, typeOf(file.kind()));
                }
            } catch (RuntimeException e) {
                // decision table parsers and the DSL expander throw instead of reporting results
                diagnostics.add(new Diagnostic(Severity.ERROR, file.path(), lineOf(e), 0, null, clean(describe(e))));
            }
        }
        if (pack.files().isEmpty()) {
            // a pack without rule files is valid: no rule acts, every request falls to default deny
            Resource none = ResourceFactory.newByteArrayResource(
                    ("package dev.clearance.norules;\nglobal " + Verdict.class.getName() + " " + VERDICT_GLOBAL + ";\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            none.setSourcePath("no-rules.drl");
            builder.add(none, ResourceType.DRL);
        }
        for (KnowledgeBuilderResult r : builder.getResults(ResultSeverity.ERROR)) {
            diagnostics.add(toDiagnostic(r, pack));
        }
        // a parse error is followed by an unlocated "Parser returned a null Package" for the same file: noise
        List<Diagnostic> located = List.copyOf(diagnostics);
        diagnostics.removeIf(d -> d.line() == 0
                && d.message().startsWith("Parser returned a null Package")
                && located.stream().anyMatch(o -> o != d && o.resource().equals(d.resource())));
        if (diagnostics.isEmpty()) {
            KieBase base = KieBaseFactory.newKieBase(builder);
            if (!base.getKiePackages().stream()
                    .anyMatch(p -> p.getGlobalVariables().stream()
                            .anyMatch(g -> g.getName().equals(VERDICT_GLOBAL)
                                    && g.getType().equals(Verdict.class.getName())))) {
                diagnostics.add(new Diagnostic(
                        Severity.ERROR,
                        pack.files().get(0).path(),
                        1,
                        1,
                        null,
                        "the pack declares no 'global " + Verdict.class.getName() + " " + VERDICT_GLOBAL
                                + ";' for its rules to act on"));
            } else {
                return new DroolsRuntime(base, Math.max(2, Runtime.getRuntime().availableProcessors()));
            }
        }
        throw new RulePackCompilationException(pack.id(), diagnostics);
    }

    private static ResourceType typeOf(RuleFile.Kind kind) {
        return switch (kind) {
            case DRL -> ResourceType.DRL;
            case DSL -> ResourceType.DSL;
            case DSLR -> ResourceType.DSLR;
            case DECISION_TABLE_CSV, DECISION_TABLE_XLSX -> ResourceType.DTABLE;
        };
    }

    /** Rule names of the pack, sorted. */
    public List<String> ruleNames() {
        return ruleNames;
    }

    /** What happened in one run. */
    public record Run(int firings, boolean timedOut, boolean firingLimitHit, String failedRule, Throwable failure) {
        /** A run that failed before or outside any rule. */
        static Run failed(Throwable failure) {
            return new Run(0, false, false, null, failure);
        }
    }

    /**
     * Stops a run from another thread: no rule fires after {@link #halt()}, and the session of a halted run is
     * dropped rather than returned to the pool. It cannot end a consequence that is running.
     */
    public static final class Halt {
        private volatile boolean halted;
        private volatile KieSession session;

        /** Asks the run to stop; safe from any thread, at any time. */
        public void halt() {
            halted = true;
            KieSession s = session;
            if (s != null) {
                try {
                    s.halt();
                } catch (RuntimeException e) {
                    // the session may be between states; the agenda filter stops the run anyway
                }
            }
        }

        boolean halted() {
            return halted;
        }

        void attach(KieSession s) {
            session = s;
            if (halted) {
                halt();
            }
        }
    }

    /**
     * Inserts the facts, fires the rules against {@code verdict}, and returns what happened. Never throws for a
     * rule's failure, {@link Error}s included: it is reported in the result.
     */
    public Run run(List<Object> facts, Verdict verdict, int maxFirings, long deadlineNanos) {
        return run(facts, verdict, maxFirings, deadlineNanos, new Halt());
    }

    /**
     * As {@link #run(List, Verdict, int, long)}, stopping early once {@code halt} is raised. A session that failed
     * or was halted is not returned to the pool.
     */
    public Run run(List<Object> facts, Verdict verdict, int maxFirings, long deadlineNanos, Halt halt) {
        RunFilter filter = new RunFilter(verdict, deadlineNanos, halt);
        KieSession session = pool.newKieSession();
        boolean reusable = false;
        try {
            halt.attach(session);
            session.setGlobal(VERDICT_GLOBAL, verdict);
            for (int i = 0, n = facts.size(); i < n; i++) {
                session.insert(facts.get(i));
            }
            int fired = session.fireAllRules(filter, maxFirings);
            reusable = !halt.halted();
            return new Run(fired, filter.timedOut, fired >= maxFirings, null, null);
        } catch (Throwable e) { // an Error in a rule (stack overflow, out of memory) fails closed too
            return new Run(0, filter.timedOut, false, filter.current, rootCause(e));
        } finally {
            if (reusable) {
                session.dispose();
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Names the firing rule on the verdict and stops firing once the deadline passed. */
    private static final class RunFilter implements AgendaFilter {
        private final Verdict verdict;
        private final long deadlineNanos;
        private final Halt halt;
        boolean timedOut;
        String current;

        RunFilter(Verdict verdict, long deadlineNanos, Halt halt) {
            this.verdict = verdict;
            this.deadlineNanos = deadlineNanos;
            this.halt = halt;
        }

        @Override
        public boolean accept(Match match) {
            if (timedOut || halt.halted() || System.nanoTime() - deadlineNanos > 0) {
                timedOut = true;
                return false;
            }
            current = match.getRule().getName();
            verdict.enterRule(current);
            return true;
        }
    }

    private static Diagnostic toDiagnostic(KnowledgeBuilderResult r, RulePack pack) {
        var msg = r.asMessage(0);
        String path = r.getResource() != null && r.getResource().getSourcePath() != null
                ? r.getResource().getSourcePath()
                : msg.getPath();
        int line = msg.getLine();
        int column = msg.getColumn();
        String text = clean(r.getMessage());
        String source = source(path, pack);
        String friendly = DrlErrors.translate(text, source);
        if (friendly != null && source != null) {
            // the name the translation is about, at or after the line the engine gave (it may give none, or the
            // rule's first line, and often no column)
            int[] found = locateFrom(friendly, source, Math.max(1, line));
            if (found[0] > 0) {
                line = found[0];
                column = found[1];
            }
        }
        if (line <= 0) {
            int[] found = locate(text, path, pack);
            line = found[0];
            column = found[1];
        }
        return friendly == null
                ? new Diagnostic(Severity.ERROR, path == null ? "" : path, line, column, ruleOf(r), text)
                : new Diagnostic(Severity.ERROR, path == null ? "" : path, line, column, ruleOf(r), friendly, text);
    }

    private static String source(String path, RulePack pack) {
        return path == null
                ? null
                : pack.files().stream()
                        .filter(f -> f.path().equals(path))
                        .map(RuleFile::text)
                        .findFirst()
                        .orElse(null);
    }

    /** The first whole-word occurrence, at or after line {@code from}, of the first quoted name in {@code message}. */
    static int[] locateFrom(String message, String source, int from) {
        Matcher q = Pattern.compile("'([A-Za-z_][A-Za-z0-9_]*)'").matcher(message);
        if (!q.find()) {
            return new int[] {0, 0};
        }
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(q.group(1)) + "(?![A-Za-z0-9_])");
        String[] lines = source.split("\n", -1);
        for (int i = Math.max(0, from - 1); i < lines.length; i++) {
            Matcher w = word.matcher(lines[i]);
            if (!lines[i].stripLeading().startsWith("//") && w.find()) {
                return new int[] {i + 1, w.start() + 1};
            }
        }
        return new int[] {0, 0};
    }

    private static final Pattern ROW = Pattern.compile("(?i)\\b(?:row|line)\\s*:?\\s*(\\d+)");

    /** The line (decision tables: the row) an exception names, or 0. */
    private static int lineOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = ROW.matcher(t.getMessage());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return 0;
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank() && b.indexOf(t.getMessage()) < 0) {
                if (b.length() > 0) {
                    b.append(": ");
                }
                b.append(t.getMessage());
            }
        }
        return b.length() == 0 ? e.getClass().getSimpleName() : b.toString();
    }

    private static String ruleOf(KnowledgeBuilderResult r) {
        if (r instanceof org.drools.compiler.compiler.DescrBuildError d
                && d.getParentDescr() instanceof org.drools.drl.ast.descr.RuleDescr rule) {
            return rule.getName();
        }
        return null;
    }

    private static String clean(String message) {
        return message == null
                ? "compilation error"
                : message.replaceAll("\\s+", " ").strip();
    }

    /**
     * Drools reports some errors (unknown enum constants among them) at line -1: find the first line of the
     * file that mentions an identifier the message names.
     */
    static int[] locate(String message, String path, RulePack pack) {
        if (path == null) {
            return new int[] {0, 0};
        }
        RuleFile file = pack.files().stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElse(null);
        if (file == null) {
            return new int[] {0, 0};
        }
        Set<String> candidates = new LinkedHashSet<>();
        Matcher m = QUOTED.matcher(message);
        while (m.find()) {
            String id = m.group(1) != null ? m.group(1) : m.group(2);
            candidates.add(id);
            int dot = id.lastIndexOf('.');
            if (dot > 0) {
                candidates.add(id.substring(dot + 1));
            }
        }
        String[] lines = file.text().split("\n", -1);
        for (String c : candidates) {
            Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(c) + "(?![A-Za-z0-9_])");
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.stripLeading().startsWith("//")
                        || l.stripLeading().startsWith("import ")
                        || l.stripLeading().startsWith("package ")) {
                    continue;
                }
                Matcher w = word.matcher(l);
                if (w.find()) {
                    return new int[] {i + 1, w.start() + 1};
                }
            }
        }
        return new int[] {0, 0};
    }

    /** A rule base from the builder's packages; KieHelper is avoided because concurrent builds can share a ReleaseId. */
    private static final class KieBaseFactory {
        static KieBase newKieBase(KnowledgeBuilder builder) {
            var base = org.drools.kiesession.rulebase.KnowledgeBaseFactory.newKnowledgeBase();
            base.addPackages(builder.getKnowledgePackages());
            return base;
        }
    }
}
