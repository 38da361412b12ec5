package dev.clearance;

import java.util.List;
import java.util.Objects;

/**
 * One of the organization's own dictionaries: project code names, customer names, internal host names. Terms
 * match case-insensitively on whole words; patterns are RE2 syntax (linear time). Findings are of type
 * {@code CUSTOM:<name>}.
 *
 * @param name           set name, e.g. {@code codenames}; letters, digits, {@code -} and {@code _}
 * @param classification the classification a match raises the data to; nullable when {@code redact} is set
 * @param redact         whether matches are redacted wherever they appear
 * @param terms          literal terms
 * @param patterns       RE2 regular expressions
 */
public record TermSet(
        String name, Classification classification, boolean redact, List<String> terms, List<String> patterns) {

    public TermSet {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("term set name must be letters, digits, '-' or '_': " + name);
        }
        if (classification == null && !redact) {
            throw new IllegalArgumentException("term set '" + name + "' needs a classification or redact: true");
        }
        terms = terms == null ? List.of() : List.copyOf(terms);
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
    }

    /** A dictionary of terms that raises matching data to {@code classification}. */
    public static TermSet classifying(String name, Classification classification, List<String> terms) {
        return new TermSet(name, Objects.requireNonNull(classification, "classification"), false, terms, List.of());
    }
}
