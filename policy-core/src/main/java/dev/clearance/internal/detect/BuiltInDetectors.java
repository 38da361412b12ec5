package dev.clearance.internal.detect;

import dev.clearance.TermSet;
import dev.clearance.spi.Detector;
import java.util.List;

/** The built-in detectors. Internal: may change at any time. */
public final class BuiltInDetectors {
    private static final List<Detector> ALL = List.of(new SecretDetector(SecretRules.all()), new PiiDetector());

    private BuiltInDetectors() {
    }

    /** Secret and personal-data detectors, in the order they run. */
    public static List<Detector> all() {
        return ALL;
    }

    /** A detector for the organization's term sets. */
    public static Detector custom(List<TermSet> sets) {
        throw new UnsupportedOperationException("custom term sets arrive with the detection work (issue 4)");
    }
}
