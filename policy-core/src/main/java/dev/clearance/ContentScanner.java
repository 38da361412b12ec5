package dev.clearance;

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

    private ContentScanner(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** A scanner with the built-in secret and personal-data detectors. */
    public static ContentScanner defaults() {
        return builder().addDefaults().build();
    }

    /** A scanner that finds nothing: decisions rest on the declared classification alone. */
    public static ContentScanner none() {
        return new ContentScanner(List.of());
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
        List<Finding> found = new ArrayList<>();
        for (Detector detector : detectors) {
            detector.detect(text, found::add);
        }
        if (found.size() > 1) {
            found.sort(ORDER);
            found = dedupe(found);
        }
        return found;
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

        private Builder() {
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
            return new ContentScanner(detectors);
        }
    }
}
