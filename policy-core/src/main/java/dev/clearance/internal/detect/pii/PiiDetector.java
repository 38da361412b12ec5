package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.spi.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds personal data by structure and check digits, in four linear passes: e-mail addresses around {@code @}, URLs
 * ({@link EmailAndUrlPass}), whitespace-delimited words ({@link WordPass}: IBANs, IPv6, MAC addresses, national
 * identifiers, bitcoin addresses, bare domains) and digit groups ({@link DigitGroupPass}: cards, SSNs, phones,
 * IPv4, national numbers). The identifier types are the recognizers in {@link PiiRecognizers#ALL}. Types are
 * Presidio entity names; a finding inside a longer one is dropped. Internal: may change at any time.
 */
public final class PiiDetector implements Detector {
    @Override
    public String id() {
        return "pii";
    }

    @Override
    public void detect(String text, Consumer<Finding> sink) {
        detectCounting(text, sink);
    }

    /**
     * Detects and returns the work done: chars examined by the candidate checks (around each {@code @} and
     * {@code ://}, in each word and digit group). A regression guard asserts that it grows linearly with the input.
     */
    public long detectCounting(String text, Consumer<Finding> sink) {
        List<Finding> found = new ArrayList<>();
        long work = EmailAndUrlPass.emails(text, found);
        work += EmailAndUrlPass.urls(text, found);
        WordPass.Spans digitWords = new WordPass.Spans();
        work += WordPass.words(text, found, digitWords);
        work += DigitGroupPass.numbers(text, found, digitWords);
        found.sort(java.util.Comparator.comparingInt(Finding::start)
                .thenComparing(java.util.Comparator.comparingInt(Finding::end).reversed()));
        int maxEnd = -1;
        int maxEndStart = -1;
        for (Finding f : found) {
            boolean contained = maxEnd > f.end() || maxEnd == f.end() && maxEndStart < f.start();
            if (!contained) {
                sink.accept(f);
            }
            if (f.end() > maxEnd) {
                maxEnd = f.end();
                maxEndStart = f.start();
            }
        }
        return work;
    }
}
