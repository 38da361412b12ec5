package dev.clearance.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which JSON field or CSV column holds each part of a {@link LogRecord}. Default: the field names themselves,
 * {@code time}, {@code user}, {@code url}, {@code product}, {@code content}, {@code classification}.
 */
public record LogFields(String time, String user, String url, String product, String content, String classification)
        implements java.io.Serializable {

    private static final LogFields DEFAULTS =
            new LogFields("time", "user", "url", "product", "content", "classification");

    public LogFields {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(classification, "classification");
    }

    public static LogFields defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with some names replaced, from {@code field=column} pairs separated by commas, e.g.
     * {@code time=ts,user=username,url=request_url}.
     *
     * @throws IllegalArgumentException on an unknown field or a pair without {@code =}
     */
    public static LogFields parse(String mapping) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : mapping.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("column mapping '" + pair.strip() + "': expected field=column");
            }
            String field = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!DEFAULTS.asMap().containsKey(field)) {
                throw new IllegalArgumentException("column mapping: unknown field '" + field
                        + "' (known: time, user, url, product, content, classification)");
            }
            m.put(field, pair.substring(eq + 1).strip());
        }
        Map<String, String> all = new LinkedHashMap<>(DEFAULTS.asMap());
        all.putAll(m);
        return new LogFields(
                all.get("time"),
                all.get("user"),
                all.get("url"),
                all.get("product"),
                all.get("content"),
                all.get("classification"));
    }

    /** field → column name. */
    Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("time", time);
        m.put("user", user);
        m.put("url", url);
        m.put("product", product);
        m.put("content", content);
        m.put("classification", classification);
        return m;
    }
}
