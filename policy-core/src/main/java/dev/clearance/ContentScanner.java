package dev.clearance;

import dev.clearance.internal.detect.ScanPipeline;
import dev.clearance.spi.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a fixed set of {@link Detector}s over content and returns their findings in content order. Immutable and
 * thread-safe.
 */
public final class ContentScanner {
    private final ScanPipeline pipeline;
    private final DetectionTuning tuning;

    private ContentScanner(List<Detector> detectors, boolean normalize, DetectionTuning tuning) {
        this.pipeline = new ScanPipeline(detectors, normalize);
        this.tuning = tuning;
    }

    /** A scanner with the built-in secret and personal-data detectors. */
    public static ContentScanner defaults() {
        return builder().addDefaults().build();
    }

    /** A scanner that finds nothing: decisions rest on the declared classification alone. */
    public static ContentScanner none() {
        return new ContentScanner(List.of(), false, DetectionTuning.none());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The detectors, in the order they run. */
    public List<Detector> detectors() {
        return pipeline.detectors();
    }

    /**
     * Every finding in {@code text}, ordered by start, longer spans first; exact duplicates (same type and span)
     * are reported once.
     */
    public List<Finding> scan(String text) {
        Objects.requireNonNull(text, "text");
        return tuning.apply(text, pipeline.scan(text));
    }

    /**
     * The findings in {@code text} for one request: this scanner's tuning with the request's own entries added
     * ({@link DetectionTuning#withRequest}, which refuses what a request may not do) and the pack's path and label
     * exclusions matched against {@code scope}.
     *
     * @throws InvalidRequestException when {@code requestTuning} asks for more than the pack allows
     */
    public List<Finding> scan(String text, DetectionTuning requestTuning, DetectionTuning.Scope scope) {
        Objects.requireNonNull(text, "text");
        DetectionTuning effective = tuning.withRequest(requestTuning);
        return effective.apply(text, pipeline.scan(text), scope);
    }

    /** {@link #explain(String)} for one request (see {@link #scan(String, DetectionTuning, DetectionTuning.Scope)}). */
    public List<DetectionTuning.Explanation> explain(
            String text, DetectionTuning requestTuning, DetectionTuning.Scope scope) {
        Objects.requireNonNull(text, "text");
        return tuning.withRequest(requestTuning).explain(text, pipeline.scan(text), scope);
    }

    /**
     * The tuning applied to every scan: the built-in context words when the defaults were added, then the tuning
     * set on the builder ({@link DetectionTuning#none()} for a scanner of custom detectors only).
     */
    public DetectionTuning tuning() {
        return tuning;
    }

    /**
     * Every finding in {@code text} with what tuning did to it: recognizer confidence, the context words that
     * raised or lowered it, and whether it was kept, allow-listed or dropped below a minimum. Holds no matched text.
     */
    public List<DetectionTuning.Explanation> explain(String text) {
        Objects.requireNonNull(text, "text");
        return tuning.explain(text, pipeline.scan(text));
    }

    /** Builds a {@link ContentScanner}. */
    public static final class Builder {
        private final List<Detector> detectors = new ArrayList<>();
        private boolean normalize = true;
        private DetectionTuning tuning = DetectionTuning.none();
        private List<String> phoneRegions;
        private boolean builtInContext;

        private Builder() {}

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

        /**
         * Adds the built-in secret and personal-data detectors, and the built-in context words of the personal-data
         * recognizers (English, German, French, Spanish: "SSN", "Sozialversicherungsnummer", "numéro de sécurité
         * sociale" near a number raise its confidence; for identifiers without a check digit, no such word lowers
         * it). Those words are {@link DetectionTuning} entries applied before the scanner's own {@link #tuning}.
         */
        public Builder addDefaults() {
            detectors.addAll(dev.clearance.internal.detect.BuiltInDetectors.all());
            builtInContext = true;
            return this;
        }

        /**
         * Adds every {@link dev.clearance.spi.EntityRecognizer} on the class path ({@link java.util.ServiceLoader}),
         * e.g. the one of the optional {@code clearance-entities} module: people, places, organisations and dates.
         *
         * @throws IllegalStateException when there is none: entity recognition was asked for and cannot be given
         */
        public Builder addEntityRecognizers() {
            return addEntityRecognizers(dev.clearance.internal.detect.EntityTypes.ALL);
        }

        /**
         * Adds every {@link dev.clearance.spi.EntityRecognizer} on the class path, reporting only {@code types}
         * (of {@code PERSON}, {@code LOCATION}, {@code ORGANIZATION}, {@code DATE_TIME}; case-insensitive).
         *
         * @throws IllegalArgumentException when {@code types} is empty or names another type
         * @throws IllegalStateException    when no entity recognizer is on the class path
         */
        public Builder addEntityRecognizers(java.util.Collection<String> types) {
            java.util.Set<String> checked = dev.clearance.internal.detect.EntityTypes.check(types);
            List<dev.clearance.spi.EntityRecognizer> found = dev.clearance.internal.detect.EntityTypes.onClassPath(
                    Thread.currentThread().getContextClassLoader());
            if (found.isEmpty()) {
                found = dev.clearance.internal.detect.EntityTypes.onClassPath(ContentScanner.class.getClassLoader());
            }
            if (found.isEmpty()) {
                throw new IllegalStateException("entity recognition was asked for, but no EntityRecognizer is on the"
                        + " class path: add the clearance-entities module");
            }
            for (dev.clearance.spi.EntityRecognizer r : found) {
                detectors.add(dev.clearance.internal.detect.EntityTypes.restrict(r, checked));
            }
            return this;
        }

        /**
         * The regions national phone numbers are validated against (ISO 3166 alpha-2 codes such as {@code GB},
         * {@code DE}; case-insensitive), instead of the 16 defaults. A number written with {@code +} and its country
         * code is validated whatever the regions. Applies to the built-in detectors added with
         * {@link #addDefaults()}, before or after this call.
         *
         * @throws IllegalArgumentException when the list is empty or a region is not one libphonenumber knows
         */
        public Builder phoneRegions(List<String> regions) {
            this.phoneRegions = dev.clearance.internal.detect.pii.PiiDetector.checkPhoneRegions(
                    Objects.requireNonNull(regions, "regions"));
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

        /**
         * What {@code pack} asks of the scanner of an engine built on it: its term sets and detection tuning, entity
         * recognition for the {@code entities} types it names (when it names any) and its {@code phoneRegions} (when
         * it gives any). Usually after {@link #addDefaults()}; a later {@link #phoneRegions} or {@link #tuning}
         * call replaces the pack's.
         *
         * @throws IllegalStateException when the pack turns entities on and no entity recognizer is on the class path
         */
        public Builder pack(dev.clearance.pack.RulePack pack) {
            Objects.requireNonNull(pack, "pack");
            termSets(pack.termSets());
            tuning(pack.tuning());
            if (!pack.entityTypes().isEmpty()) {
                addEntityRecognizers(pack.entityTypes());
            }
            if (!pack.phoneRegions().isEmpty()) {
                phoneRegions(pack.phoneRegions());
            }
            return this;
        }

        /** Tuning applied to every scan: allow-lists, context words, minimum confidences. */
        public Builder tuning(DetectionTuning tuning) {
            this.tuning = Objects.requireNonNull(tuning, "tuning");
            return this;
        }

        public ContentScanner build() {
            List<Detector> built = new ArrayList<>(detectors);
            if (phoneRegions != null) {
                built.replaceAll(d -> d instanceof dev.clearance.internal.detect.pii.PiiDetector
                        ? new dev.clearance.internal.detect.pii.PiiDetector(phoneRegions)
                        : d);
            }
            java.util.Map<String, List<String>> gates =
                    tuning.raisingWords(dev.clearance.internal.detect.pii.PiiContextWords.gatedTypes());
            if (!gates.isEmpty()) {
                // a pack's context words of a gated identifier (a passport, an ABA number) also open its gate
                built.replaceAll(
                        d -> d instanceof dev.clearance.internal.detect.pii.PiiDetector p ? p.withGateWords(gates) : d);
            }
            DetectionTuning effective = builtInContext
                    ? dev.clearance.internal.detect.pii.PiiContextWords.tuning().and(tuning)
                    : tuning;
            return new ContentScanner(built, normalize, effective);
        }
    }
}
