package dev.clearance.internal.detect;

import dev.clearance.TermSet;
import dev.clearance.internal.detect.pii.PiiDetector;
import dev.clearance.internal.detect.secret.SecretDetector;
import dev.clearance.internal.detect.secret.SecretRules;
import dev.clearance.spi.Detector;
import java.util.List;

/** The built-in detectors. Internal: may change at any time. */
public final class BuiltInDetectors {
    private static final List<Detector> ALL = List.of(new SecretDetector(SecretRules.all()), new PiiDetector());

    private BuiltInDetectors() {}

    /** Secret and personal-data detectors, in the order they run. */
    public static List<Detector> all() {
        return ALL;
    }

    /**
     * A detector for the organization's term sets: whole-word, case-insensitive terms and RE2 patterns.
     *
     * @throws com.google.re2j.PatternSyntaxException when a pattern is not valid RE2 syntax
     */
    public static Detector custom(List<TermSet> sets) {
        return new TermSetDetector(sets);
    }
}
