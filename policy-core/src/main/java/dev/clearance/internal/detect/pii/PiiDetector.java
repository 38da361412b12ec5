package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.ScanText;
import dev.clearance.internal.detect.TextDetector;
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
public final class PiiDetector implements TextDetector {
    private final List<String> phoneRegions;
    /** Gate words a pack added, by type (lower case); null when none. */
    private final java.util.Map<String, String[]> gateWords;

    /** Phones validated against {@link Phone#DEFAULT_REGIONS}. */
    public PiiDetector() {
        this.phoneRegions = null;
        this.gateWords = null;
    }

    private PiiDetector(List<String> phoneRegions, java.util.Map<String, String[]> gateWords) {
        this.phoneRegions = phoneRegions;
        this.gateWords = gateWords;
    }

    /**
     * This detector with more gate words ({@link PiiContextWords#gatedTypes()}): a candidate of a gated type is also
     * reported after one of {@code words} of its type, as after a built-in one.
     */
    public PiiDetector withGateWords(java.util.Map<String, List<String>> words) {
        return new PiiDetector(phoneRegions, PiiContextWords.lowerGates(words));
    }

    /**
     * Phones validated against {@code phoneRegions} (ISO 3166 alpha-2) instead of the defaults.
     *
     * @throws IllegalArgumentException when a region is unknown or the list is empty
     */
    public PiiDetector(List<String> phoneRegions) {
        this.phoneRegions = Phone.checkRegions(phoneRegions);
        this.gateWords = null;
    }

    /**
     * The regions upper-cased, checked and without repeats.
     *
     * @throws IllegalArgumentException when the list is empty or a region is not one libphonenumber knows
     */
    public static List<String> checkPhoneRegions(List<String> regions) {
        return Phone.checkRegions(regions);
    }

    /** The phone region hints this detector validates national numbers against. */
    public List<String> phoneRegions() {
        return phoneRegions != null ? phoneRegions : Phone.DEFAULT_REGIONS;
    }

    @Override
    public String id() {
        return "pii";
    }

    @Override
    public void detect(ScanText text, Consumer<Finding> sink) {
        detectCounting(text, sink);
    }

    /** {@link #detectCounting(ScanText, Consumer)} of {@code text}. */
    public long detectCounting(String text, Consumer<Finding> sink) {
        return detectCounting(ScanText.of(text), sink);
    }

    /**
     * Detects and returns the work done: chars examined by the candidate checks (around each {@code @} and
     * {@code ://}, in each word and digit group). A regression guard asserts that it grows linearly with the input.
     */
    public long detectCounting(ScanText text, Consumer<Finding> sink) {
        if (gateWords != null) {
            return PiiContextWords.withGates(gateWords, () -> detectWithGates(text, sink));
        }
        return detectWithGates(text, sink);
    }

    private long detectWithGates(ScanText text, Consumer<Finding> sink) {
        if (phoneRegions == null) {
            return detectWithRegions(text, sink);
        }
        return Phone.withRegions(phoneRegions, () -> detectWithRegions(text, sink));
    }

    private long detectWithRegions(ScanText shared, Consumer<Finding> sink) {
        String text = shared.string();
        List<Finding> found = new ArrayList<>();
        long work = EmailAndUrlPass.emails(text, found);
        work += EmailAndUrlPass.urls(text, found);
        WordPass.Spans digitWords = new WordPass.Spans();
        work += WordPass.words(shared, found, digitWords);
        work += DigitGroupPass.numbers(shared, found, digitWords);
        work += UkNinoWritten.find(shared, digitWords, found);
        work += insideUrls(text, found);
        found.sort(java.util.Comparator.comparingInt(Finding::start)
                .thenComparing(java.util.Comparator.comparingInt(Finding::end).reversed()));
        int maxEnd = -1;
        int maxEndStart = -1;
        boolean maxEndHighRisk = false;
        for (Finding f : found) {
            boolean contained = maxEnd > f.end() || maxEnd == f.end() && maxEndStart < f.start();
            // a high-risk identifier inside a lower-risk finding (a card number in a URL) keeps its own type
            if (!contained || f.highRisk() && !maxEndHighRisk) {
                sink.accept(f);
            }
            if (f.end() > maxEnd) {
                maxEnd = f.end();
                maxEndStart = f.start();
                maxEndHighRisk = f.highRisk();
            }
        }
        return work;
    }

    /**
     * High-risk identifiers inside the URLs found so far (a card, SSN or IBAN in a path segment or a query
     * parameter): each URL is scanned again with its delimiters turned into spaces (offsets within it stay the
     * same). URLs do not overlap, so this is one more pass over at most the text.
     */
    private static long insideUrls(String text, List<Finding> found) {
        long work = 0;
        List<Finding> urls = null; // most texts have none: no list for them
        for (Finding f : found) {
            if (f.type().equals(EmailAndUrlPass.URL.type())) {
                if (urls == null) {
                    urls = new ArrayList<>();
                }
                urls.add(f);
            }
        }
        if (urls == null) {
            return 0;
        }
        urls.sort(java.util.Comparator.comparingInt(Finding::start));
        int done = 0;
        for (Finding url : urls) {
            if (url.end() <= done) {
                continue;
            }
            int s = Math.max(url.start(), done);
            done = url.end();
            char[] chars = new char[url.end() - s];
            text.getChars(s, url.end(), chars, 0);
            for (int i = 0; i < chars.length; i++) {
                if ("/?&=#;,+:@".indexOf(chars[i]) >= 0) {
                    chars[i] = ' ';
                }
            }
            ScanText segments = ScanText.of(new String(chars));
            List<Finding> inner = new ArrayList<>();
            WordPass.Spans words = new WordPass.Spans();
            work += url.end() - s;
            work += WordPass.words(segments, inner, words);
            work += DigitGroupPass.numbers(segments, inner, words);
            for (Finding f : inner) {
                if (f.highRisk()) {
                    found.add(Finding.pii(f.type(), f.rule(), s + f.start(), s + f.end(), f.confidence(), true));
                }
            }
        }
        return work;
    }
}
