package dev.clearance.bench;

import dev.clearance.internal.normalize.Views;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * The cost of the evasion analysis alone ({@code Views.analyze}, the trigger pass and every rejoin and decode
 * builder) per shared-mix document, in thread CPU time after a warm-up. Prints {@code views_us_per_doc}, the
 * documents with at least one view or suspect span, and the total views, which an A/B run compares. Usage:
 * {@code ViewsCost <inputs-dir> [warmup-s] [seconds]}.
 */
public final class ViewsCost {
    private ViewsCost() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        List<String> docs = SharedMix.texts(dir.resolve("prose-10m.jsonl"));
        int withViews = 0;
        long views = 0;
        long suspects = 0;
        for (String d : docs) {
            Views.Analysis a = Views.analyze(d);
            views += a.views().size();
            suspects += a.suspects().size();
            withViews += a.views().isEmpty() && a.suspects().isEmpty() ? 0 : 1;
        }
        long end = System.nanoTime() + (long) (warmup * 1e9);
        int i = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += Views.analyze(docs.get(i)).views().size();
            i = i + 1 == docs.size() ? 0 : i + 1;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long count = 0;
        end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            sink += Views.analyze(docs.get(i)).views().size();
            i = i + 1 == docs.size() ? 0 : i + 1;
            count++;
        }
        double us = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / count;
        System.out.printf(
                "docs=%d docs_with_views=%d views=%d suspects=%d views_us_per_doc=%.2f (sink %d)%n",
                docs.size(), withViews, views, suspects, us, sink);
    }
}
