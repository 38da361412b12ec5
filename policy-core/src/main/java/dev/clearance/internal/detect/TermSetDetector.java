package dev.clearance.internal.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.clearance.Finding;
import dev.clearance.TermSet;
import dev.clearance.spi.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The organization's dictionaries: every term of every set is found in one case-insensitive Aho-Corasick pass and
 * kept when it stands as a whole word; each set's RE2 patterns run in linear time. Findings are
 * {@code CUSTOM:<set>} with the set's classification and redaction flag.
 */
final class TermSetDetector implements Detector {
    private final List<TermSet> sets;
    private final AhoCorasick automaton;
    private final int[] setOfTerm;
    private final List<List<Pattern>> patterns;

    TermSetDetector(List<TermSet> sets) {
        this.sets = List.copyOf(sets);
        List<String> terms = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        patterns = new ArrayList<>();
        for (int s = 0; s < this.sets.size(); s++) {
            TermSet set = this.sets.get(s);
            for (String term : set.terms()) {
                String t = term == null ? "" : term.strip();
                if (!t.isEmpty()) {
                    terms.add(t);
                    owners.add(s);
                }
            }
            List<Pattern> compiled = new ArrayList<>();
            for (String p : set.patterns()) {
                compiled.add(Pattern.compile(p));
            }
            patterns.add(List.copyOf(compiled));
        }
        automaton = new AhoCorasick(terms);
        setOfTerm = owners.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String id() {
        return "custom";
    }

    @Override
    public void detect(String text, Consumer<Finding> sink) {
        if (setOfTerm.length > 0) {
            automaton.scan(text, 0, text.length(), (term, start, end) -> {
                if (wholeWord(text, start, end)) {
                    TermSet set = sets.get(setOfTerm[term]);
                    sink.accept(Finding.custom(set.name(), "term", start, end, set.classification(), set.redact()));
                }
            });
        }
        for (int s = 0; s < sets.size(); s++) {
            TermSet set = sets.get(s);
            List<Pattern> list = patterns.get(s);
            for (int p = 0; p < list.size(); p++) {
                Matcher m = list.get(p).matcher(text);
                int from = 0;
                while (from <= text.length() && m.find(from)) {
                    if (m.end() > m.start()) {
                        sink.accept(Finding.custom(
                                set.name(),
                                "pattern-" + (p + 1),
                                m.start(),
                                m.end(),
                                set.classification(),
                                set.redact()));
                    }
                    from = Math.max(m.end(), m.start() + 1);
                }
            }
        }
    }

    /** A term matches as a word: no letter or digit glued to an edge that is itself a letter or digit. */
    private static boolean wholeWord(String text, int start, int end) {
        if (start > 0
                && Character.isLetterOrDigit(text.charAt(start))
                && Character.isLetterOrDigit(text.charAt(start - 1))) {
            return false;
        }
        return !(end < text.length()
                && Character.isLetterOrDigit(text.charAt(end - 1))
                && Character.isLetterOrDigit(text.charAt(end)));
    }
}
