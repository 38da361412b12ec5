package dev.clearance.internal.engine;

import dev.clearance.Diagnostic;
import dev.clearance.pack.RuleFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import org.drools.drl.extensions.DecisionTableFactory;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.drools.drl.parser.lang.dsl.DefaultExpander;
import org.kie.api.io.Resource;
import org.kie.internal.builder.DecisionTableConfiguration;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * The DRL a rule file compiles to — a DSLR expanded with the pack's DSL files, a decision table turned into rules —
 * handed to {@link RuleCodeVerifier}, so the verifier reads what Drools compiles. Internal.
 */
final class RuleCodeSources {
    private RuleCodeSources() {}

    /** An expander holding every DSL mapping of the pack, as the knowledge builder would hold them. */
    static DefaultExpander expander(List<RuleFile> files) {
        DefaultExpander expander = new DefaultExpander();
        for (RuleFile f : files) {
            if (f.kind() == RuleFile.Kind.DSL) {
                DSLTokenizedMappingFile mapping = new DSLTokenizedMappingFile();
                try {
                    mapping.parseAndLoad(new StringReader(f.text()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                expander.addDSLMapping(mapping.getMapping());
            }
        }
        return expander;
    }

    /**
     * The lines of a DSLR file that match no sentence of the pack's DSL files, each as an author-facing diagnostic
     * ({@link DrlErrors#unmatchedSentence}) with the expander's own message as its detail; empty when every line
     * expands. Drools would report each as "Unable to expand" and then parse the unexpanded line ("[ERR 102]
     * mismatched input"): the file is not compiled when this is not empty.
     */
    static List<Diagnostic> unmatchedSentences(RuleFile dslr, List<RuleFile> files) {
        DefaultExpander expander = expander(files);
        expander.expand(dslr.text());
        if (!expander.hasErrors()) {
            return List.of();
        }
        List<DrlErrors.Sentence> sentences = new java.util.ArrayList<>();
        for (RuleFile f : files) {
            if (f.kind() == RuleFile.Kind.DSL) {
                DSLTokenizedMappingFile mapping = new DSLTokenizedMappingFile();
                try {
                    mapping.parseAndLoad(new StringReader(f.text()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (org.drools.drl.parser.lang.dsl.DSLMappingEntry e :
                        mapping.getMapping().getEntries()) {
                    sentences.add(new DrlErrors.Sentence(
                            e.getSection() == org.drools.drl.parser.lang.dsl.DSLMappingEntry.Section.CONSEQUENCE
                                    ? DrlErrors.Scope.CONSEQUENCE
                                    : e.getSection() == org.drools.drl.parser.lang.dsl.DSLMappingEntry.Section.CONDITION
                                            ? DrlErrors.Scope.CONDITION
                                            : DrlErrors.Scope.ANY,
                            e.getMappingKey()));
                }
            }
        }
        List<Diagnostic> out = new java.util.ArrayList<>();
        for (org.drools.drl.parser.lang.ExpanderException e : expander.getErrors()) {
            out.add(DrlErrors.unmatchedSentence(dslr.path(), dslr.text(), e.getLine(), e.getMessage(), sentences));
        }
        return out;
    }

    /** The verifier's problems with {@code file}; the DSL expansion or table conversion may throw. */
    static List<Diagnostic> verify(RuleFile file, DefaultExpander dsl) {
        return switch (file.kind()) {
            case DRL -> RuleCodeVerifier.verify(file.path(), file.text());
            case DSLR -> RuleCodeVerifier.verify(file.path(), dsl.expand(file.text()));
            case DECISION_TABLE_CSV, DECISION_TABLE_XLSX -> {
                Resource resource = ResourceFactory.newByteArrayResource(file.bytes());
                resource.setSourcePath(file.path());
                DecisionTableConfiguration conf = KnowledgeBuilderFactory.newDecisionTableConfiguration();
                conf.setInputType(
                        file.kind() == RuleFile.Kind.DECISION_TABLE_CSV
                                ? DecisionTableInputType.CSV
                                : DecisionTableInputType.XLSX);
                String drl = DecisionTableFactory.loadFromResource(resource, conf);
                yield RuleCodeVerifier.verifyTable(
                        file.path(),
                        drl == null ? "" : drl,
                        file.kind() == RuleFile.Kind.DECISION_TABLE_CSV ? file.text() : null);
            }
            case DSL -> List.of();
        };
    }
}
