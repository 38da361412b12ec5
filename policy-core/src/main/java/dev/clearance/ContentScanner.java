package dev.clearance;

import dev.clearance.internal.normalize.View;
import dev.clearance.internal.normalize.Views;
import dev.clearance.spi.Detector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs a fixed set of {@link Detector}s over content and returns their findings in content order. Immutable and
 * thread-safe.
 */
public final class ContentScanner {
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::end).reversed())
            .thenComparing(Finding::type);

    private final List<Detector> detectors;
    private final boolean normalize;

    private ContentScanner(List<Detector> detectors, boolean normalize) {
        this.detectors = List.copyOf(detectors);
        this.normalize = normalize;
    }

    /** A scanner with the built-in secret and personal-data detectors. */
    public static ContentScanner defaults() {
        return builder().addDefaults().build();
    }

    /** A scanner that finds nothing: decisions rest on the declared classification alone. */
    public static ContentScanner none() {
        return new ContentScanner(List.of(), false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The detectors, in the order they run. */
    public List<Detector> detectors() {
        return detectors;
    }

    /**
     * Every finding in {@code text}, ordered by start, longer spans first; exact duplicates (same type and span)
     * are reported once.
     */
    public List<Finding> scan(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || detectors.isEmpty()) {
            return List.of();
        }
        final List<Finding> found = new ArrayList<>();
        for (Detector detector : detectors) {
            detector.detect(text, found::add);
        }
        if (normalize) {
            for (View view : Views.of(text)) {
                int direct = found.size();
                for (Detector detector : detectors) {
                    detector.detect(view.text(), f -> {
                        int s = view.originalStart(f.start(), f.end());
                        int e = view.originalEnd(f.start(), f.end());
                        if (e > s && !coveredBySameCategory(found, direct, f.category(), s, e)) {
                            found.add(new Finding(f.type(), f.category(), f.rule(), s, e, f.confidence() * 0.9,
                                    f.highRisk(), f.classification(), f.redact()));
                        }
                    });
                }
            }
        }
        if (found.size() <= 1) {
            return found;
        }
        found.sort(ORDER);
        return dedupe(found);
    }

    private static boolean coveredBySameCategory(List<Finding> found, int upTo, FindingCategory category, int s,
            int e) {
        for (int i = 0; i < upTo; i++) {
            Finding f = found.get(i);
            if (f.category() == category && f.start() <= s && e <= f.end()) {
                return true;
            }
        }
        return false;
    }

    private static List<Finding> dedupe(List<Finding> sorted) {
        List<Finding> out = new ArrayList<>(sorted.size());
        Finding previous = null;
        for (Finding f : sorted) {
            if (previous == null || previous.start() != f.start() || previous.end() != f.end()
                    || !previous.type().equals(f.type())) {
                out.add(f);
                previous = f;
            }
        }
        return out;
    }

    /** Builds a {@link ContentScanner}. */
    public static final class Builder {
        private final List<Detector> detectors = new ArrayList<>();
        private boolean normalize = true;

        private Builder() {
        }

        /**
         * Whether content is also scanned in evasion-resistant views (default true): zero-width characters
         * removed, full-width forms and Cyrillic/Greek homoglyphs folded to ASCII, string concatenations and line
         * continuations joined, URL-encoding and base64 decoded one level deep. Findings in a view are mapped
         * back to the original span (for decoded base64, the whole encoded run).
         */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Adds the built-in secret and personal-data detectors. */
        public Builder addDefaults() {
            detectors.addAll(dev.clearance.internal.detect.BuiltInDetectors.all());
            return this;
        }

        public Builder add(Detector detector) {
            detectors.add(Objects.requireNonNull(detector, "detector"));
            return this;
        }

        /** Adds a detector for the organization's dictionaries and patterns. */
        public Builder termSets(List<TermSet> sets) {
            if (!sets.isEmpty()) {
                detectors.add(dev.clearance.internal.detect.BuiltInDetectors.custom(sets));
            }
            return this;
        }

        public ContentScanner build() {
            return new ContentScanner(detectors, normalize);
        }
    }
}
