package dev.clearance.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an audit's {@code report.html} (one self-contained page: inline CSS and SVG, no script, no network) and
 * {@code summary.json}. Both hold counts, ids, host names, rule ids and finding types only — never content, a
 * matched value or a URL.
 */
public final class AuditReport {
    private static final String ALLOW = "#2e7d32";
    private static final String REDACT = "#f9a825";
    private static final String DENY = "#c62828";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * What the report says about the run itself.
     *
     * @param packId      the rule pack that decided
     * @param packVersion its version
     * @param sources     the log files read (names only)
     * @param generatedAt when the report was written
     */
    public record Run(String packId, String packVersion, List<String> sources, Instant generatedAt) {
        public Run {
            Objects.requireNonNull(packId, "packId");
            Objects.requireNonNull(packVersion, "packVersion");
            sources = List.copyOf(sources);
            Objects.requireNonNull(generatedAt, "generatedAt");
        }
    }

    private AuditReport() {}

    /** Writes {@code dir/report.html} and {@code dir/summary.json}, creating {@code dir}. */
    public static void write(AuditSummary summary, Run run, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("summary.json"), summary.toJson() + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.html"), html(summary, run), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    /** The report page. */
    public static String html(AuditSummary s, Run run) {
        StringBuilder h = new StringBuilder(32_768);
        AuditSummary.EffectCounts total = s.effects();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Clearance audit: AI usage in logs</title><style>")
                .append("body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;")
                .append("max-width:1000px;padding:0 1rem;color:#1b1b1b}h1{font-size:1.6rem;margin-bottom:.2rem}")
                .append("h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}")
                .append(".lead{font-size:1.15rem}.muted{color:#666}table{border-collapse:collapse;width:100%}")
                .append("th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee;")
                .append("vertical-align:middle}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".kpis{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.kpi{border:1px solid #ddd;")
                .append("border-radius:6px;padding:.6rem 1rem;min-width:130px}.kpi b{display:block;font-size:1.5rem}")
                .append(".legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;")
                .append("vertical-align:-1px}code{font-size:.9em}</style></head><body>\n");

        h.append("<h1>Who sends what to which AI tools</h1>\n");
        h.append("<p class=\"muted\">Clearance audit · pack <code>")
                .append(esc(run.packId()))
                .append('@')
                .append(esc(run.packVersion()))
                .append("</code> · ")
                .append(run.sources().size())
                .append(run.sources().size() == 1 ? " log file" : " log files")
                .append(" · generated ")
                .append(esc(HOUR.format(run.generatedAt())))
                .append(" UTC</p>\n");

        // the answer first
        h.append("<p class=\"lead\">");
        if (total.total() == 0) {
            h.append("No request to a known AI tool was found in the logs.");
        } else {
            h.append("Of <b>").append(fmt(total.total())).append("</b> requests to AI tools");
            s.firstTime()
                    .ifPresent(f -> h.append(" between ")
                            .append(DAY.format(f))
                            .append(" and ")
                            .append(DAY.format(s.lastTime().orElseThrow())));
            h.append(", the policy would have <b style=\"color:")
                    .append(DENY)
                    .append("\">denied ")
                    .append(pct(total.deny(), total.total()))
                    .append("</b>, <b style=\"color:#8a6d00\">redacted ")
                    .append(pct(total.redact(), total.total()))
                    .append("</b> and allowed ")
                    .append(pct(total.allow(), total.total()))
                    .append('.');
            Map<String, AuditSummary.EffectCounts> products = s.byProduct();
            if (!products.isEmpty()) {
                Map.Entry<String, AuditSummary.EffectCounts> top =
                        products.entrySet().iterator().next();
                h.append(" Most used: <code>")
                        .append(esc(top.getKey()))
                        .append("</code> (")
                        .append(pct(top.getValue().total(), total.total()))
                        .append(" of requests).");
            }
            Long secrets = s.recordsWithFindingType().get("SECRET");
            if (secrets != null) {
                h.append(" <b>").append(fmt(secrets)).append("</b> requests carried credentials.");
            }
        }
        h.append("</p>\n");

        h.append("<div class=\"kpis\">");
        kpi(h, "requests decided", fmt(total.total()));
        kpi(h, "denied", fmt(total.deny()));
        kpi(h, "redacted", fmt(total.redact()));
        kpi(h, "allowed", fmt(total.allow()));
        kpi(h, "users", fmt(s.userCount()));
        kpi(h, "lines skipped or unreadable", fmt(s.skipped() + s.unreadable()));
        h.append("</div>\n");
        h.append(stackedBar(total, 960, 28));
        h.append("<p class=\"legend muted\"><span style=\"background:")
                .append(DENY)
                .append("\"></span>DENY")
                .append("<span style=\"background:")
                .append(REDACT)
                .append("\"></span>REDACT")
                .append("<span style=\"background:")
                .append(ALLOW)
                .append("\"></span>ALLOW</p>\n");

        h.append("<h2>Over time</h2>\n").append(timeChart(s));

        h.append("<h2>By product</h2>\n");
        effectTable(h, "product", s.byProduct(), 40);
        h.append("<h2>By tier</h2>\n");
        effectTable(h, "tier", s.byTier(), 10);

        h.append("<h2>Rules that decided</h2>\n");
        countTable(h, "rule", "decisions", s.rules(), total.total(), 20);

        h.append("<h2>What the content held</h2>\n");
        if (s.findingTypes().isEmpty()) {
            h.append("<p class=\"muted\">No finding")
                    .append(s.withContent() == 0 ? ": the logs carried no content." : ".")
                    .append("</p>\n");
        } else {
            h.append("<table><tr><th>finding type</th><th class=\"n\">findings</th><th class=\"n\">requests</th>")
                    .append("<th class=\"n\">share of requests with content</th></tr>");
            Map<String, Long> records = s.recordsWithFindingType();
            int i = 0;
            for (Map.Entry<String, Long> e : s.findingTypes().entrySet()) {
                if (i++ == 20) {
                    break;
                }
                long rec = records.getOrDefault(e.getKey(), 0L);
                h.append("<tr><td><code>")
                        .append(esc(e.getKey()))
                        .append("</code></td><td class=\"n\">")
                        .append(fmt(e.getValue()))
                        .append("</td><td class=\"n\">")
                        .append(fmt(rec))
                        .append("</td><td class=\"n\">")
                        .append(pct(rec, s.withContent()))
                        .append("</td></tr>");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Users with the most DENY and REDACT</h2>\n");
        Map<String, AuditSummary.EffectCounts> users = s.topUsers(20);
        if (users.isEmpty()) {
            h.append("<p class=\"muted\">No user had a request denied or redacted.</p>\n");
        } else {
            effectTable(h, "user", users, 20);
        }

        h.append("<h2>Input problems</h2>\n");
        if (s.issues().isEmpty()) {
            h.append("<p class=\"muted\">Every line was read.</p>\n");
        } else {
            h.append("<table><tr><th>problem</th><th class=\"n\">lines</th><th>the line</th>")
                    .append("<th>first lines (file:line)</th></tr>");
            for (Map.Entry<IssueKind, Long> e : s.issues().entrySet()) {
                List<String> samples = new ArrayList<>();
                s.samples(e.getKey()).forEach(x -> samples.add(x.toString()));
                h.append("<tr><td><code>")
                        .append(e.getKey().name())
                        .append("</code></td><td class=\"n\">")
                        .append(fmt(e.getValue()))
                        .append("</td><td>")
                        .append(e.getKey().skipsRecord() ? "skipped" : "decided")
                        .append("</td><td class=\"muted\">")
                        .append(esc(String.join(", ", samples)))
                        .append("</td></tr>");
            }
            h.append("</table>\n");
        }
        if (!s.unknownHosts().isEmpty()) {
            h.append("<h2>Hosts not in the catalog</h2>\n<p class=\"muted\">Requests to these hosts were not")
                    .append(" decided. Add the AI tools among them to your catalog (<code>hosts:</code>) and run")
                    .append(" the audit again.</p>\n");
            countTable(h, "host", "requests", s.unknownHosts(), -1, 25);
        }
        h.append("<p class=\"muted\">This report holds counts, product and rule ids, finding types, user ids and")
                .append(" host names only: never content, matched values or URLs. Sources: ")
                .append(esc(String.join(", ", run.sources())))
                .append(".</p>\n</body></html>\n");
        return h.toString();
    }

    private static void kpi(StringBuilder h, String label, String value) {
        h.append("<div class=\"kpi\"><b>")
                .append(value)
                .append("</b><span class=\"muted\">")
                .append(esc(label))
                .append("</span></div>");
    }

    private static String stackedBar(AuditSummary.EffectCounts c, int width, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" aria-label=\"decisions by effect\" width=\"100%\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" preserveAspectRatio=\"none\">");
        long t = Math.max(1, c.total());
        double x = 0;
        long[] values = {c.deny(), c.redact(), c.allow()};
        String[] colors = {DENY, REDACT, ALLOW};
        String[] names = {"DENY", "REDACT", "ALLOW"};
        for (int i = 0; i < 3; i++) {
            double w = width * (double) values[i] / t;
            if (w > 0) {
                svg.append("<rect x=\"")
                        .append(num(x))
                        .append("\" y=\"0\" width=\"")
                        .append(num(w))
                        .append("\" height=\"")
                        .append(height)
                        .append("\" fill=\"")
                        .append(colors[i])
                        .append("\"><title>")
                        .append(names[i])
                        .append(": ")
                        .append(fmt(values[i]))
                        .append("</title></rect>");
            }
            x += w;
        }
        if (c.total() == 0) {
            svg.append("<rect width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(height)
                    .append("\" fill=\"#eee\"/>");
        }
        return svg.append("</svg>\n").toString();
    }

    /** Stacked columns per hour, or per day when the logs span more than three days. */
    private static String timeChart(AuditSummary s) {
        Map<Instant, AuditSummary.EffectCounts> hourly = s.hourly();
        if (hourly.isEmpty()) {
            return "<p class=\"muted\">No record had a readable time.</p>\n";
        }
        Instant first = hourly.keySet().iterator().next();
        Instant last = first;
        for (Instant i : hourly.keySet()) {
            last = i;
        }
        boolean daily = Duration.between(first, last).toHours() > 72;
        Map<Instant, long[]> buckets = new LinkedHashMap<>();
        for (Map.Entry<Instant, AuditSummary.EffectCounts> e : hourly.entrySet()) {
            Instant k = daily ? e.getKey().truncatedTo(ChronoUnit.DAYS) : e.getKey();
            long[] b = buckets.computeIfAbsent(k, x -> new long[3]);
            b[0] += e.getValue().deny();
            b[1] += e.getValue().redact();
            b[2] += e.getValue().allow();
        }
        // fill the gaps so that time runs evenly left to right
        Instant start = buckets.keySet().iterator().next();
        Instant end = daily ? last.truncatedTo(ChronoUnit.DAYS) : last;
        ChronoUnit unit = daily ? ChronoUnit.DAYS : ChronoUnit.HOURS;
        long n = unit.between(start, end) + 1;
        if (n > 2000) { // very long spans: keep what there is, in order
            n = buckets.size();
        }
        List<Instant> keys = new ArrayList<>();
        if (n == buckets.size()) {
            keys.addAll(buckets.keySet());
        } else {
            for (long i = 0; i < n; i++) {
                keys.add(start.plus(i, unit));
            }
        }
        long max = 1;
        for (long[] b : buckets.values()) {
            max = Math.max(max, b[0] + b[1] + b[2]);
        }
        int width = 960;
        int height = 220;
        int left = 50;
        int bottom = 30;
        double plotW = width - left - 10;
        double plotH = height - bottom - 10;
        double bw = plotW / keys.size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" aria-label=\"decisions per ")
                .append(daily ? "day" : "hour")
                .append("\" width=\"100%\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-size=\"11\" fill=\"#555\">");
        svg.append("<line x1=\"")
                .append(left)
                .append("\" y1=\"")
                .append(num(10 + plotH))
                .append("\" x2=\"")
                .append(width - 10)
                .append("\" y2=\"")
                .append(num(10 + plotH))
                .append("\" stroke=\"#999\"/>");
        svg.append("<text x=\"")
                .append(left - 4)
                .append("\" y=\"14\" text-anchor=\"end\">")
                .append(fmt(max))
                .append("</text><text x=\"")
                .append(left - 4)
                .append("\" y=\"")
                .append(num(10 + plotH))
                .append("\" text-anchor=\"end\">0</text>");
        String[] colors = {DENY, REDACT, ALLOW};
        int labelEvery = Math.max(1, keys.size() / 8);
        for (int i = 0; i < keys.size(); i++) {
            long[] b = buckets.getOrDefault(keys.get(i), new long[3]);
            double x = left + i * bw;
            double y = 10 + plotH;
            for (int k = 0; k < 3; k++) {
                double hgt = plotH * b[k] / max;
                if (hgt > 0) {
                    y -= hgt;
                    svg.append("<rect x=\"")
                            .append(num(x + bw * 0.1))
                            .append("\" y=\"")
                            .append(num(y))
                            .append("\" width=\"")
                            .append(num(Math.max(bw * 0.8, 0.5)))
                            .append("\" height=\"")
                            .append(num(hgt))
                            .append("\" fill=\"")
                            .append(colors[k])
                            .append("\"/>");
                }
            }
            svg.append("<rect x=\"")
                    .append(num(x))
                    .append("\" y=\"10\" width=\"")
                    .append(num(bw))
                    .append("\" height=\"")
                    .append(num(plotH))
                    .append("\" fill=\"transparent\"><title>")
                    .append((daily ? DAY : HOUR).format(keys.get(i)))
                    .append(": ")
                    .append(fmt(b[0]))
                    .append(" denied, ")
                    .append(fmt(b[1]))
                    .append(" redacted, ")
                    .append(fmt(b[2]))
                    .append(" allowed</title></rect>");
            if (i % labelEvery == 0) {
                svg.append("<text x=\"")
                        .append(num(x + bw / 2))
                        .append("\" y=\"")
                        .append(height - 10)
                        .append("\" text-anchor=\"middle\">")
                        .append((daily ? DAY : HOUR).format(keys.get(i)))
                        .append("</text>");
            }
        }
        svg.append("</svg>\n");
        svg.append("<p class=\"muted\">Decisions per ")
                .append(daily ? "day" : "hour")
                .append(" (UTC)");
        if (s.untimed() > 0) {
            svg.append("; ").append(fmt(s.untimed())).append(" records without a readable time are not shown");
        }
        return svg.append(".</p>\n").toString();
    }

    private static void effectTable(
            StringBuilder h, String what, Map<String, AuditSummary.EffectCounts> rows, int limit) {
        h.append("<table><tr><th>")
                .append(what)
                .append("</th><th class=\"n\">requests</th><th class=\"n\">DENY")
                .append("</th><th class=\"n\">REDACT</th><th class=\"n\">ALLOW</th><th style=\"width:30%\"></th></tr>");
        long max = 1;
        for (AuditSummary.EffectCounts c : rows.values()) {
            max = Math.max(max, c.total());
        }
        int i = 0;
        for (Map.Entry<String, AuditSummary.EffectCounts> e : rows.entrySet()) {
            if (i++ == limit) {
                h.append("<tr><td class=\"muted\" colspan=\"6\">and ")
                        .append(rows.size() - limit)
                        .append(" more in summary.json</td></tr>");
                break;
            }
            AuditSummary.EffectCounts c = e.getValue();
            h.append("<tr><td><code>")
                    .append(esc(e.getKey()))
                    .append("</code></td><td class=\"n\">")
                    .append(fmt(c.total()))
                    .append("</td><td class=\"n\">")
                    .append(fmt(c.deny()))
                    .append("</td><td class=\"n\">")
                    .append(fmt(c.redact()))
                    .append("</td><td class=\"n\">")
                    .append(fmt(c.allow()))
                    .append("</td><td>");
            double scale = 300.0 * c.total() / max;
            h.append("<svg width=\"300\" height=\"12\" viewBox=\"0 0 300 12\">");
            double x = 0;
            long[] v = {c.deny(), c.redact(), c.allow()};
            String[] colors = {DENY, REDACT, ALLOW};
            for (int k = 0; k < 3; k++) {
                double w = c.total() == 0 ? 0 : scale * v[k] / c.total();
                if (w > 0) {
                    h.append("<rect x=\"")
                            .append(num(x))
                            .append("\" width=\"")
                            .append(num(w))
                            .append("\" height=\"12\" fill=\"")
                            .append(colors[k])
                            .append("\"/>");
                }
                x += w;
            }
            h.append("</svg></td></tr>");
        }
        h.append("</table>\n");
    }

    private static void countTable(
            StringBuilder h, String what, String unit, Map<String, Long> rows, long of, int limit) {
        h.append("<table><tr><th>")
                .append(what)
                .append("</th><th class=\"n\">")
                .append(unit)
                .append("</th>");
        if (of >= 0) {
            h.append("<th class=\"n\">share</th>");
        }
        h.append("</tr>");
        int i = 0;
        for (Map.Entry<String, Long> e : rows.entrySet()) {
            if (i++ == limit) {
                h.append("<tr><td class=\"muted\" colspan=\"3\">and ")
                        .append(rows.size() - limit)
                        .append(" more in summary.json</td></tr>");
                break;
            }
            h.append("<tr><td><code>")
                    .append(esc(e.getKey()))
                    .append("</code></td><td class=\"n\">")
                    .append(fmt(e.getValue()))
                    .append("</td>");
            if (of >= 0) {
                h.append("<td class=\"n\">").append(pct(e.getValue(), of)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static String pct(long part, long whole) {
        if (whole == 0) {
            return "0%";
        }
        double p = 100.0 * part / whole;
        return (p > 0 && p < 0.1 ? "<0.1" : String.format(Locale.ROOT, p >= 10 || p == 0 ? "%.0f" : "%.1f", p)) + "%";
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** HTML-escapes text and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
