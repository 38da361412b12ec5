package dev.clearance.internal.detect;

import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import dev.clearance.internal.normalize.View;
import dev.clearance.internal.normalize.Views;
import dev.clearance.spi.Detector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scanning pipeline behind {@link dev.clearance.ContentScanner}: every detector over the text and, when
 * {@code normalize}, over each evasion-resistant view (findings mapped back to the original span), then sorted and
 * deduplicated. Immutable and thread-safe. Internal: may change at any time.
 */
public final class ScanPipeline {
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::end).reversed())
            .thenComparing(Finding::type);

    private final List<Detector> detectors;
    private final boolean normalize;

    public ScanPipeline(List<Detector> detectors, boolean normalize) {
        this.detectors = List.copyOf(detectors);
        this.normalize = normalize;
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
        if (text.isEmpty() || detectors.isEmpty()) {
            return List.of();
        }
        final List<Finding> found = new ArrayList<>();
        for (Detector detector : detectors) {
            detector.detect(text, found::add);
        }
        if (normalize) {
            for (View view : Views.of(text)) {
                scanView(view, found);
            }
        }
        if (found.size() <= 1) {
            return found;
        }
        found.sort(ORDER);
        return dedupe(found);
    }

    /** Findings in {@code view}, mapped back, unless a direct finding of the same category already covers them. */
    private void scanView(View view, List<Finding> found) {
        int direct = found.size();
        for (Detector detector : detectors) {
            detector.detect(view.text(), f -> {
                int s = view.originalStart(f.start(), f.end());
                int e = view.originalEnd(f.start(), f.end());
                if (e > s && !coveredBySameCategory(found, direct, f.category(), s, e)) {
                    found.add(new Finding(
                            f.type(),
                            f.category(),
                            f.rule(),
                            s,
                            e,
                            f.confidence() * 0.9,
                            f.highRisk(),
                            f.classification(),
                            f.redact()));
                }
            });
        }
    }

    private static boolean coveredBySameCategory(
            List<Finding> found, int upTo, FindingCategory category, int s, int e) {
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
            if (previous == null
                    || previous.start() != f.start()
                    || previous.end() != f.end()
                    || !previous.type().equals(f.type())) {
                out.add(f);
                previous = f;
            }
        }
        return out;
    }
}
