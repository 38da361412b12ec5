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

    /** Rule of the finding for a split value that could not be reassembled within the caps (fail closed). */
    public static final String UNRESOLVED_SPLIT = "split-value-unresolved";

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
        java.util.function.Consumer<Finding> add = found::add;
        ScanText shared = ScanText.of(text);
        detectAll(shared, add);
        if (normalize) {
            Views.Analysis analysis = Views.analyze(shared);
            Covered direct = analysis.views().isEmpty() ? null : new Covered(found);
            for (View view : analysis.views()) {
                scanView(view, found, direct);
            }
            for (int[] span : analysis.suspects()) {
                // a value split into more pieces than reassembly takes: not trusted, so it is treated as a secret
                if (span[1] > span[0]) {
                    found.add(Finding.secret(UNRESOLVED_SPLIT, span[0], span[1], 0.5));
                }
            }
        }
        if (found.size() <= 1) {
            return found;
        }
        // detectors mostly report in order and without duplicates: then there is nothing to sort or drop
        int order = order(found);
        if (order > 0) {
            found.sort(ORDER);
        }
        return order == 0 ? found : dedupe(found);
    }

    /** Every detector over {@code text}: the built-in ones read its shared chars. */
    private void detectAll(ScanText text, java.util.function.Consumer<Finding> sink) {
        for (Detector detector : detectors) {
            if (detector instanceof TextDetector shared) {
                shared.detect(text, sink);
            } else {
                detector.detect(text.string(), sink);
            }
        }
    }

    /** 1 when {@code found} is out of {@link #ORDER}, else -1 when it holds an exact duplicate, else 0. */
    private static int order(List<Finding> found) {
        int order = 0;
        for (int i = 1; i < found.size(); i++) {
            int c = ORDER.compare(found.get(i - 1), found.get(i));
            if (c > 0) {
                return 1;
            }
            if (c == 0) {
                order = -1;
            }
        }
        return order;
    }

    /** Findings in {@code view}, mapped back, unless a direct finding of the same category already covers them. */
    private void scanView(View view, List<Finding> found, Covered direct) {
        detectAll(ScanText.of(view.text()), f -> {
            int s = view.originalStart(f.start(), f.end());
            int e = view.originalEnd(f.start(), f.end());
            if (e > s && !direct.covers(f.category(), s, e)) {
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

    /**
     * The direct findings, by category, sorted by start with the running maximum of their ends: whether one
     * contains a span is a binary search, so views with many findings stay linear-logarithmic, not quadratic.
     */
    private static final class Covered {
        private final FindingCategory[] categories = FindingCategory.values();
        private final int[][] starts = new int[categories.length][];
        private final int[][] maxEnds = new int[categories.length][];

        Covered(List<Finding> direct) {
            for (int c = 0; c < categories.length; c++) {
                FindingCategory category = categories[c];
                List<Finding> of = new ArrayList<>();
                for (Finding f : direct) {
                    if (f.category() == category) {
                        of.add(f);
                    }
                }
                of.sort(Comparator.comparingInt(Finding::start));
                starts[c] = new int[of.size()];
                maxEnds[c] = new int[of.size()];
                for (int i = 0; i < of.size(); i++) {
                    starts[c][i] = of.get(i).start();
                    maxEnds[c][i] =
                            Math.max(i > 0 ? maxEnds[c][i - 1] : 0, of.get(i).end());
                }
            }
        }

        /** Whether a direct finding of {@code category} contains {@code [s, e)}. */
        boolean covers(FindingCategory category, int s, int e) {
            int[] st = starts[category.ordinal()];
            int lo = 0;
            int hi = st.length - 1;
            int last = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (st[mid] <= s) {
                    last = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return last >= 0 && maxEnds[category.ordinal()][last] >= e;
        }
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
