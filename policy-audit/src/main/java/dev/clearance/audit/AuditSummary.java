package dev.clearance.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.clearance.Effect;
import dev.clearance.Tier;
import dev.clearance.decisionlog.DecisionLogRecord;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an audit found, as counts: decisions by effect, by product and by tier, the rules that decided, the finding
 * types, the users with the most DENY and REDACT, decisions per hour, unknown hosts, and input issues with sample
 * line numbers. It never holds content, matched values or full URLs.
 *
 * <p>An accumulator: {@link LogAuditor} adds to it, and summaries built in parallel (one per thread or per cluster
 * worker) {@linkplain #merge(AuditSummary) merge} into the same totals whatever the order. Memory is bounded: at
 * most {@value #MAX_USERS} users, {@value #MAX_HOSTS} unknown hosts and {@value #MAX_HOURS} hours are kept
 * individually, the rest is counted under {@value #OTHER}. Not thread-safe; serializable.
 */
public final class AuditSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Most users counted individually. */
    public static final int MAX_USERS = 100_000;
    /** Most unknown hosts counted individually. */
    public static final int MAX_HOSTS = 10_000;
    /** Most hourly buckets kept (over eleven years). */
    public static final int MAX_HOURS = 100_000;
    /** Sample line numbers kept per issue kind. */
    public static final int MAX_SAMPLES = 10;
    /** The key under which whatever exceeds a bound is counted. */
    public static final String OTHER = "(other)";
    /** The user key of records without a user. */
    public static final String ANONYMOUS = "(anonymous)";

    private static final Effect[] EFFECTS = Effect.values();

    private long linesWithRecords;
    private long decided;
    private long withContent;
    private long contentChars;
    private long untimed;
    private Instant first;
    private Instant last;
    private final long[] effects = new long[EFFECTS.length];
    private final Map<String, long[]> products = new HashMap<>();
    private final Map<String, long[]> tiers = new HashMap<>();
    private final Map<String, long[]> users = new HashMap<>();
    private final Map<String, Long> rules = new HashMap<>();
    private final Map<String, Long> findingTypes = new HashMap<>();
    private final Map<String, Long> recordsWithFindingType = new HashMap<>();
    private final Map<String, Long> unknownHosts = new HashMap<>();
    private final TreeMap<Long, long[]> hours = new TreeMap<>();
    private final EnumMap<IssueKind, Long> issues = new EnumMap<>(IssueKind.class);
    private final EnumMap<IssueKind, TreeSet<Sample>> samples = new EnumMap<>(IssueKind.class);

    /** An empty summary. */
    public AuditSummary() {}

    /** Where an issue was seen. */
    public record Sample(String source, long line) implements Serializable, Comparable<Sample> {
        private static final Comparator<Sample> ORDER =
                Comparator.comparing(Sample::source).thenComparingLong(Sample::line);

        @Override
        public int compareTo(Sample o) {
            return ORDER.compare(this, o);
        }

        @Override
        public String toString() {
            return source + ":" + line;
        }
    }

    /** Counts per effect, in {@link Effect} order. */
    public record EffectCounts(long allow, long deny, long redact) implements Serializable {
        static EffectCounts of(long[] c) {
            return new EffectCounts(c[Effect.ALLOW.ordinal()], c[Effect.DENY.ordinal()], c[Effect.REDACT.ordinal()]);
        }

        public long total() {
            return allow + deny + redact;
        }
    }

    // ------------------------------------------------------------------ adding

    /**
     * Adds one decided log record.
     *
     * @param time    the log record's time; nullable
     * @param userId  the user; nullable
     * @param product the resolved product id, or the host for an undecided destination; nullable
     * @param tier    the destination's tier as the engine resolved it
     * @param audit   the engine's audit record of the decision (its effect, rules, finding counts)
     */
    public void add(Instant time, String userId, String product, Tier tier, DecisionLogRecord audit) {
        int e = audit.effect().ordinal();
        decided++;
        effects[e]++;
        bump(products, product == null ? "(none)" : product, e, Integer.MAX_VALUE);
        bump(tiers, (tier == null ? Tier.UNKNOWN : tier).name(), e, Integer.MAX_VALUE);
        bump(users, userId == null ? ANONYMOUS : userId, e, MAX_USERS);
        for (String r : audit.ruleIds()) {
            rules.merge(r, 1L, Long::sum);
        }
        for (Map.Entry<String, Integer> f : audit.findingCounts().entrySet()) {
            findingTypes.merge(f.getKey(), (long) f.getValue(), Long::sum);
            recordsWithFindingType.merge(f.getKey(), 1L, Long::sum);
        }
        if (audit.contentLength() > 0 || audit.contentHash() != null) {
            withContent++;
            contentChars += audit.contentLength();
        }
        if (time == null) {
            untimed++;
        } else {
            first = first == null || time.isBefore(first) ? time : first;
            last = last == null || time.isAfter(last) ? time : last;
            long hour = Math.floorDiv(time.getEpochSecond(), 3600);
            long[] c = hours.get(hour);
            if (c == null && hours.size() >= MAX_HOURS) {
                untimed++;
            } else {
                hours.computeIfAbsent(hour, h -> new long[EFFECTS.length])[e]++;
            }
        }
    }

    /** Counts an issue on a line; {@code source} and {@code line} are kept as a sample while there are few. */
    public void issue(IssueKind kind, String source, long line) {
        issues.merge(kind, 1L, Long::sum);
        TreeSet<Sample> s = samples.computeIfAbsent(kind, k -> new TreeSet<>());
        s.add(new Sample(source, line));
        if (s.size() > MAX_SAMPLES) {
            s.pollLast();
        }
    }

    /** Counts a host no product is reached through (host only, never the URL). */
    public void unknownHost(String host) {
        Long n = unknownHosts.get(host);
        if (n == null && unknownHosts.size() >= MAX_HOSTS) {
            unknownHosts.merge(OTHER, 1L, Long::sum);
        } else {
            unknownHosts.merge(host, 1L, Long::sum);
        }
    }

    /** Counts a line that held a record (decided or not). */
    public void recordRead() {
        linesWithRecords++;
    }

    /** Adds everything {@code other} counted into this summary; {@code other} is unchanged. Returns this. */
    public AuditSummary merge(AuditSummary other) {
        linesWithRecords += other.linesWithRecords;
        decided += other.decided;
        withContent += other.withContent;
        contentChars += other.contentChars;
        untimed += other.untimed;
        if (other.first != null) {
            first = first == null || other.first.isBefore(first) ? other.first : first;
            last = last == null || other.last.isAfter(last) ? other.last : last;
        }
        for (int i = 0; i < effects.length; i++) {
            effects[i] += other.effects[i];
        }
        mergeCounts(products, other.products, Integer.MAX_VALUE);
        mergeCounts(tiers, other.tiers, Integer.MAX_VALUE);
        mergeCounts(users, other.users, MAX_USERS);
        other.rules.forEach((k, v) -> rules.merge(k, v, Long::sum));
        other.findingTypes.forEach((k, v) -> findingTypes.merge(k, v, Long::sum));
        other.recordsWithFindingType.forEach((k, v) -> recordsWithFindingType.merge(k, v, Long::sum));
        other.unknownHosts.forEach((k, v) -> {
            if (!unknownHosts.containsKey(k) && unknownHosts.size() >= MAX_HOSTS) {
                unknownHosts.merge(OTHER, v, Long::sum);
            } else {
                unknownHosts.merge(k, v, Long::sum);
            }
        });
        for (Map.Entry<Long, long[]> h : other.hours.entrySet()) {
            long[] mine = hours.get(h.getKey());
            if (mine == null && hours.size() >= MAX_HOURS) {
                for (long n : h.getValue()) {
                    untimed += n;
                }
                continue;
            }
            long[] target = hours.computeIfAbsent(h.getKey(), k -> new long[EFFECTS.length]);
            for (int i = 0; i < target.length; i++) {
                target[i] += h.getValue()[i];
            }
        }
        other.issues.forEach((k, v) -> issues.merge(k, v, Long::sum));
        other.samples.forEach((k, v) -> {
            TreeSet<Sample> s = samples.computeIfAbsent(k, x -> new TreeSet<>());
            s.addAll(v);
            while (s.size() > MAX_SAMPLES) {
                s.pollLast();
            }
        });
        return this;
    }

    private static void bump(Map<String, long[]> map, String key, int effect, int max) {
        long[] c = map.get(key);
        if (c == null) {
            c = map.computeIfAbsent(map.size() >= max ? OTHER : key, k -> new long[EFFECTS.length]);
        }
        c[effect]++;
    }

    private static void mergeCounts(Map<String, long[]> into, Map<String, long[]> from, int max) {
        for (Map.Entry<String, long[]> e : from.entrySet()) {
            long[] c = into.get(e.getKey());
            if (c == null) {
                c = into.computeIfAbsent(into.size() >= max ? OTHER : e.getKey(), k -> new long[EFFECTS.length]);
            }
            for (int i = 0; i < c.length; i++) {
                c[i] += e.getValue()[i];
            }
        }
    }

    // ------------------------------------------------------------------ pseudonyms

    /**
     * A copy of this summary fit to share: every user becomes {@code user-} and every unknown host {@code host-}
     * followed by 12 hex digits of HMAC-SHA256 under {@code key}; a product that {@code known} does not accept
     * (anything a log could carry, e.g. a token pasted as a product) becomes {@code product-…}, and the
     * {@code unknown:HOST} key of an undecided host {@code unknown:host-…}. The same value under the same key always
     * gives the same pseudonym, so counts still add up and two reports under one key can be compared; without the
     * key a pseudonym cannot be turned back into the value (short of guessing it and holding the key).
     *
     * @param key          the audit key (at least 16 bytes)
     * @param knownProduct which product ids may be shown as they are (the catalog's)
     */
    public AuditSummary pseudonymized(byte[] key, java.util.function.Predicate<String> knownProduct) {
        Pseudonyms p = new Pseudonyms(key);
        AuditSummary copy = new AuditSummary().merge(this);
        rekey(copy.users, k -> p.of("user-", k));
        rekey(
                copy.products,
                k -> knownProduct.test(k)
                        ? k
                        : k.startsWith("unknown:") ? "unknown:" + p.of("host-", k.substring(8)) : p.of("product-", k));
        Map<String, Long> hosts = new HashMap<>();
        copy.unknownHosts.forEach((k, v) -> hosts.merge(p.of("host-", k), v, Long::sum));
        copy.unknownHosts.clear();
        copy.unknownHosts.putAll(hosts);
        return copy;
    }

    private static void rekey(Map<String, long[]> map, java.util.function.UnaryOperator<String> f) {
        Map<String, long[]> out = new HashMap<>();
        for (Map.Entry<String, long[]> e : map.entrySet()) {
            long[] c = out.computeIfAbsent(f.apply(e.getKey()), k -> new long[EFFECTS.length]);
            for (int i = 0; i < c.length; i++) {
                c[i] += e.getValue()[i];
            }
        }
        map.clear();
        map.putAll(out);
    }

    /** Keyed pseudonyms; {@link #OTHER} and {@link #ANONYMOUS} stay as they are. */
    private static final class Pseudonyms {
        private final javax.crypto.Mac mac;

        Pseudonyms(byte[] key) {
            if (key == null || key.length < 16) {
                throw new IllegalArgumentException("the audit key must hold at least 16 bytes");
            }
            try {
                mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }

        String of(String prefix, String value) {
            if (OTHER.equals(value) || ANONYMOUS.equals(value) || "(none)".equals(value)) {
                return value;
            }
            byte[] h = mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return prefix + java.util.HexFormat.of().formatHex(h, 0, 6);
        }
    }

    // ------------------------------------------------------------------ reading

    /** Lines that held a record, decided or skipped for an issue. */
    public long recordsRead() {
        return linesWithRecords;
    }

    /** Records decided by the engine. */
    public long decided() {
        return decided;
    }

    /** Decided records that carried content. */
    public long withContent() {
        return withContent;
    }

    /** Total content length of the decided records, in UTF-16 units. */
    public long contentChars() {
        return contentChars;
    }

    /** Decided records without a (readable) time. */
    public long untimed() {
        return untimed;
    }

    public EffectCounts effects() {
        return EffectCounts.of(effects);
    }

    /** The earliest record time, if any record had one. */
    public java.util.Optional<Instant> firstTime() {
        return java.util.Optional.ofNullable(first);
    }

    public java.util.Optional<Instant> lastTime() {
        return java.util.Optional.ofNullable(last);
    }

    /** Product id → counts, most decisions first. */
    public Map<String, EffectCounts> byProduct() {
        return sortedCounts(products, c -> -EffectCounts.of(c).total());
    }

    /** Tier → counts, most decisions first. */
    public Map<String, EffectCounts> byTier() {
        return sortedCounts(tiers, c -> -EffectCounts.of(c).total());
    }

    /** The {@code n} users with the most DENY and REDACT decisions, most first (users with none left out). */
    public Map<String, EffectCounts> topUsers(int n) {
        Map<String, EffectCounts> out = new LinkedHashMap<>();
        sortedCounts(users, c -> -(c[Effect.DENY.ordinal()] + c[Effect.REDACT.ordinal()])).entrySet().stream()
                .filter(e -> e.getValue().deny() + e.getValue().redact() > 0)
                .limit(n)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Number of distinct users seen (capped at {@value #MAX_USERS}, plus {@value #OTHER}). */
    public int userCount() {
        return users.size();
    }

    /** Rule id → times it was among a decision's reasons, most first. */
    public Map<String, Long> rules() {
        return sorted(rules);
    }

    /** Finding type → number of findings, most first. */
    public Map<String, Long> findingTypes() {
        return sorted(findingTypes);
    }

    /** Finding type → number of records with at least one such finding, most first. */
    public Map<String, Long> recordsWithFindingType() {
        return sorted(recordsWithFindingType);
    }

    /** Host → records skipped because no product is reached through it, most first. */
    public Map<String, Long> unknownHosts() {
        return sorted(unknownHosts);
    }

    /** Start of each hour (UTC) that had decisions → counts, in time order. */
    public Map<Instant, EffectCounts> hourly() {
        Map<Instant, EffectCounts> out = new LinkedHashMap<>();
        hours.forEach((h, c) -> out.put(Instant.ofEpochSecond(h * 3600), EffectCounts.of(c)));
        return out;
    }

    /** Issue kind → count, in {@link IssueKind} order. */
    public Map<IssueKind, Long> issues() {
        return Collections.unmodifiableMap(new EnumMap<>(issues));
    }

    /** The first few places an issue kind was seen, by source and line. */
    public List<Sample> samples(IssueKind kind) {
        TreeSet<Sample> s = samples.get(kind);
        return s == null ? List.of() : List.copyOf(s);
    }

    /** Records skipped for an issue. */
    public long skipped() {
        long n = 0;
        for (Map.Entry<IssueKind, Long> e : issues.entrySet()) {
            if (e.getKey().skipsRecord()
                    && e.getKey() != IssueKind.LINE_TOO_LONG
                    && e.getKey() != IssueKind.MALFORMED_JSON
                    && e.getKey() != IssueKind.MALFORMED_CSV) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** Lines that could not be read as a record at all (malformed, too long). */
    public long unreadable() {
        return issues.getOrDefault(IssueKind.MALFORMED_JSON, 0L)
                + issues.getOrDefault(IssueKind.MALFORMED_CSV, 0L)
                + issues.getOrDefault(IssueKind.LINE_TOO_LONG, 0L);
    }

    /** The summary as {@code summary.json}: stable key order, counts only. */
    public String toJson() {
        return SummaryJson.write(this);
    }

    private static Map<String, EffectCounts> sortedCounts(
            Map<String, long[]> map, java.util.function.ToLongFunction<long[]> key) {
        List<Map.Entry<String, long[]>> list = new ArrayList<>(map.entrySet());
        list.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> key.applyAsLong(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        Map<String, EffectCounts> out = new LinkedHashMap<>();
        list.forEach(e -> out.put(e.getKey(), EffectCounts.of(e.getValue())));
        return out;
    }

    private static Map<String, Long> sorted(Map<String, Long> map) {
        List<Map.Entry<String, Long>> list = new ArrayList<>(map.entrySet());
        list.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> out = new LinkedHashMap<>();
        list.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public String toString() {
        return "AuditSummary[read=" + linesWithRecords + ", decided=" + decided + ", " + effects() + ", issues="
                + issues + "]";
    }

    /** The JSON form of a summary ({@code summary.json}). */
    private static final class SummaryJson {
        private static final JsonFactory FACTORY = new JsonFactory();

        private SummaryJson() {}

        static String write(AuditSummary s) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(w).useDefaultPrettyPrinter()) {
                g.writeStartObject();
                g.writeNumberField("formatVersion", 1);
                g.writeObjectFieldStart("records");
                g.writeNumberField("decided", s.decided());
                g.writeNumberField("skipped", s.skipped());
                g.writeNumberField("unreadable", s.unreadable());
                g.writeNumberField("withContent", s.withContent());
                g.writeNumberField("contentChars", s.contentChars());
                g.writeNumberField("untimed", s.untimed());
                g.writeEndObject();
                g.writeStringField(
                        "firstTime", s.firstTime().map(Object::toString).orElse(null));
                g.writeStringField(
                        "lastTime", s.lastTime().map(Object::toString).orElse(null));
                g.writeFieldName("effects");
                counts(g, s.effects());
                g.writeObjectFieldStart("byProduct");
                for (Map.Entry<String, AuditSummary.EffectCounts> e :
                        s.byProduct().entrySet()) {
                    g.writeFieldName(e.getKey());
                    counts(g, e.getValue());
                }
                g.writeEndObject();
                g.writeObjectFieldStart("byTier");
                for (Map.Entry<String, AuditSummary.EffectCounts> e : s.byTier().entrySet()) {
                    g.writeFieldName(e.getKey());
                    counts(g, e.getValue());
                }
                g.writeEndObject();
                longs(g, "rules", s.rules());
                longs(g, "findingTypes", s.findingTypes());
                longs(g, "recordsWithFindingType", s.recordsWithFindingType());
                g.writeNumberField("users", s.userCount());
                g.writeObjectFieldStart("topUsers");
                for (Map.Entry<String, AuditSummary.EffectCounts> e :
                        s.topUsers(50).entrySet()) {
                    g.writeFieldName(e.getKey());
                    counts(g, e.getValue());
                }
                g.writeEndObject();
                longs(g, "unknownHosts", s.unknownHosts());
                g.writeArrayFieldStart("hourly");
                for (Map.Entry<java.time.Instant, AuditSummary.EffectCounts> e :
                        s.hourly().entrySet()) {
                    g.writeStartObject();
                    g.writeStringField("hour", e.getKey().toString());
                    g.writeNumberField("ALLOW", e.getValue().allow());
                    g.writeNumberField("DENY", e.getValue().deny());
                    g.writeNumberField("REDACT", e.getValue().redact());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeObjectFieldStart("issues");
                for (Map.Entry<IssueKind, Long> e : s.issues().entrySet()) {
                    g.writeObjectFieldStart(e.getKey().name());
                    g.writeNumberField("count", e.getValue());
                    g.writeBooleanField("recordSkipped", e.getKey().skipsRecord());
                    g.writeArrayFieldStart("samples");
                    for (AuditSummary.Sample sample : s.samples(e.getKey())) {
                        g.writeString(sample.toString());
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w.toString();
        }

        private static void counts(JsonGenerator g, AuditSummary.EffectCounts c) throws IOException {
            g.writeStartObject();
            g.writeNumberField("ALLOW", c.allow());
            g.writeNumberField("DENY", c.deny());
            g.writeNumberField("REDACT", c.redact());
            g.writeNumberField("total", c.total());
            g.writeEndObject();
        }

        private static void longs(JsonGenerator g, String name, Map<String, Long> map) throws IOException {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, Long> e : map.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }
}
