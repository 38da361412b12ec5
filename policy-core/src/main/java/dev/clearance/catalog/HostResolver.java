package dev.clearance.catalog;

import dev.clearance.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves a URL, as found in a web-proxy, gateway or chat-export log, to the catalog product it reaches, through
 * each product's {@link Product#hosts() hosts}. Immutable and thread-safe; build it once.
 *
 * <p><b>Host patterns</b> (the entries of {@code hosts}):
 * <ul>
 *   <li>{@code chatgpt.com} — that host, on any port;</li>
 *   <li>{@code localhost:11434} — that host on that port only;</li>
 *   <li>{@code *.example.com}, {@code *-aiplatform.googleapis.com} — a leading {@code *} matches any non-empty
 *       prefix of the host name;</li>
 *   <li>{@code www.bing.com/chat} — a host followed by a path prefix, matched at a segment boundary
 *       ({@code /chat} matches {@code /chat} and {@code /chat/x}, not {@code /chatter}).</li>
 * </ul>
 * Host names are compared case-insensitively, paths case-sensitively.
 *
 * <p><b>Which product wins</b>: the most specific pattern (longest path prefix, then an exact host over a wildcard,
 * then the longer wildcard suffix, then a pattern with a port). When several products share the most specific
 * pattern — {@code chatgpt.com} serves ChatGPT Free, Plus, Business and Enterprise — the URL cannot tell which
 * account was used, so the <b>most conservative</b> product is taken: one that trains by default before one that
 * does not, one without a training opt-out before one with, then CONSUMER before API before ENTERPRISE before
 * LOCAL, then human review before none, no zero data retention before ZDR, then the smaller id. An organization
 * that knows better (everyone is on ChatGPT Enterprise) says so with {@link Builder#map(String, String)}, which
 * wins over the catalog.
 */
public final class HostResolver {
    private static final Comparator<Product> MOST_CONSERVATIVE_FIRST = Comparator.comparing(
                    (Product p) -> !p.trainsByDefault())
            .thenComparing(Product::optOutAvailable)
            .thenComparing(p -> tierRank(p.tier()))
            .thenComparing(p -> !p.humanReview())
            .thenComparing(Product::zdrAvailable)
            .thenComparing(Product::id);

    private final ProviderCatalog catalog;
    private final List<Entry> entries;

    private HostResolver(ProviderCatalog catalog, List<Entry> entries) {
        this.catalog = catalog;
        this.entries = List.copyOf(entries);
    }

    /** A resolver over the catalog's own host patterns. */
    public static HostResolver of(ProviderCatalog catalog) {
        return builder(catalog).build();
    }

    /** A resolver over the catalog, with explicit mappings that win over it. */
    public static Builder builder(ProviderCatalog catalog) {
        return new Builder(catalog);
    }

    /**
     * The product {@code url} reaches, if any. Accepts full URLs ({@code https://chatgpt.com/c/1?x=y}), URLs without
     * a scheme ({@code api.openai.com/v1/chat/completions}), {@code host:port} (as in proxy {@code CONNECT} lines) and
     * bare host names. Never throws for malformed input: it just resolves to nothing.
     */
    public Optional<Product> resolve(String url) {
        List<Product> c = candidates(url);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /**
     * Every product whose most specific pattern matches {@code url}, the one {@link #resolve(String)} picks first,
     * the others in decreasing order of conservativeness. Empty when nothing matches.
     */
    public List<Product> candidates(String url) {
        Url u = Url.parse(url);
        if (u == null) {
            return List.of();
        }
        long best = -1;
        List<Entry> winners = new ArrayList<>();
        for (Entry e : entries) {
            long score = e.pattern.score(u);
            if (score < 0 || score < best) {
                continue;
            }
            if (score > best) {
                best = score;
                winners.clear();
            }
            winners.add(e);
        }
        if (winners.isEmpty()) {
            return List.of();
        }
        // an explicit mapping at the best specificity decides alone
        for (Entry e : winners) {
            if (e.explicit) {
                return List.of(e.product);
            }
        }
        return winners.stream()
                .map(Entry::product)
                .distinct()
                .sorted(MOST_CONSERVATIVE_FIRST)
                .toList();
    }

    /**
     * The normalized host of {@code url} (lower case, no trailing dot; {@code host:port} when a non-default port is
     * given), or empty when {@code url} has no recognisable host. Never includes the path, query or user info.
     */
    public static Optional<String> hostOf(String url) {
        Url u = Url.parse(url);
        return u == null ? Optional.empty() : Optional.of(u.port < 0 ? u.host : u.host + ":" + u.port);
    }

    /** The catalog products resolve into. */
    public ProviderCatalog catalog() {
        return catalog;
    }

    @Override
    public String toString() {
        return "HostResolver[" + entries.size() + " patterns]";
    }

    private static int tierRank(Tier t) {
        return switch (t) {
            case CONSUMER, UNKNOWN -> 0;
            case API -> 1;
            case ENTERPRISE -> 2;
            case LOCAL -> 3;
        };
    }

    private record Entry(Pattern pattern, Product product, boolean explicit) {}

    /** Builds a {@link HostResolver}. */
    public static final class Builder {
        private final ProviderCatalog catalog;
        private final Map<String, String> mappings = new LinkedHashMap<>();

        private Builder(ProviderCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /**
         * Resolves URLs matching {@code hostPattern} (same syntax as catalog hosts) to {@code productId}, whatever
         * else the catalog says for that pattern.
         */
        public Builder map(String hostPattern, String productId) {
            Objects.requireNonNull(hostPattern, "hostPattern");
            Objects.requireNonNull(productId, "productId");
            Pattern.parse(hostPattern, "mapping");
            mappings.put(hostPattern, productId);
            return this;
        }

        /**
         * @throws IllegalArgumentException when a mapping names a product the catalog does not have, or a host
         *                                  pattern is malformed (the message names the product and the pattern)
         */
        public HostResolver build() {
            List<Entry> entries = new ArrayList<>();
            for (Product p : catalog.products()) {
                for (String h : p.hosts()) {
                    entries.add(new Entry(Pattern.parse(h, p.id()), p, false));
                }
            }
            for (Map.Entry<String, String> m : mappings.entrySet()) {
                Product p = catalog.find(m.getValue())
                        .orElseThrow(() -> new IllegalArgumentException("host mapping " + m.getKey() + "="
                                + m.getValue() + ": no such product in the catalog"));
                entries.add(new Entry(Pattern.parse(m.getKey(), p.id()), p, true));
            }
            return new HostResolver(catalog, entries);
        }
    }

    /** One host pattern: {@code [*]host[:port][/path]}. */
    private record Pattern(String host, boolean wildcard, int port, String path) {
        static Pattern parse(String text, String owner) {
            String s = text.strip().toLowerCase(Locale.ROOT);
            String path = "";
            int slash = text.strip().indexOf('/');
            if (slash >= 0) {
                path = stripTrailingSlash(text.strip().substring(slash));
                s = s.substring(0, slash);
            }
            boolean wildcard = s.startsWith("*");
            if (wildcard) {
                s = s.substring(1);
            }
            int port = -1;
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && !s.endsWith("]")) {
                try {
                    port = Integer.parseInt(s.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw bad(text, owner);
                }
                s = s.substring(0, colon);
            }
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
            if (!(validHost(s) || (wildcard && s.startsWith("-") && validHost(s.substring(1))))
                    || port == 0
                    || port > 65535) {
                throw bad(text, owner);
            }
            return new Pattern(s, wildcard, port, path);
        }

        private static IllegalArgumentException bad(String text, String owner) {
            return new IllegalArgumentException(
                    "product " + owner + ": malformed host pattern '" + text + "' (expected [*]host[:port][/path])");
        }

        /** How specifically this pattern matches, or -1 when it does not. */
        long score(Url u) {
            if (wildcard ? !(u.host.endsWith(host) && u.host.length() > host.length()) : !u.host.equals(host)) {
                return -1;
            }
            if (port >= 0 && port != u.port) {
                return -1;
            }
            if (!path.isEmpty() && !(u.path.equals(path) || u.path.startsWith(path + "/"))) {
                return -1;
            }
            long s = (long) path.length() << 20;
            s |= (wildcard ? 0 : 1L) << 19;
            s |= (long) Math.min(host.length(), 0x3FFFF) << 1;
            s |= port >= 0 ? 1 : 0;
            return s;
        }
    }

    /** A DNS name (letters, digits, '-', '_', '.'), or a bracketed IPv6 literal. */
    private static boolean validHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.startsWith("[")) {
            return host.length() > 2
                    && host.endsWith("]")
                    && host.substring(1, host.length() - 1)
                            .chars()
                            .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
    }

    private static String stripTrailingSlash(String p) {
        String s = p;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals("/") ? "" : s;
    }

    /** The parts of a URL that resolution looks at. Port -1 when absent or the scheme's default. */
    private record Url(String host, int port, String path) {
        static Url parse(String raw) {
            if (raw == null) {
                return null;
            }
            String s = raw.strip();
            if (s.regionMatches(true, 0, "CONNECT ", 0, 8)) {
                s = s.substring(8).strip();
            }
            String scheme = "";
            int sep = s.indexOf("://");
            if (sep > 0
                    && s.substring(0, sep)
                            .chars()
                            .allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
                s = s.substring(sep + 3);
            } else if (s.startsWith("//")) {
                s = s.substring(2);
            }
            int end = s.length();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '/' || c == '?' || c == '#') {
                    end = i;
                    break;
                }
            }
            String authority = s.substring(0, end);
            String rest = s.substring(end);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
            String host = authority;
            int port = -1;
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']') < colon) {
                String p = authority.substring(colon + 1);
                host = authority.substring(0, colon);
                if (!p.isEmpty()) {
                    if (p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
                        return null;
                    }
                    port = Integer.parseInt(p);
                }
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!validHost(host)) {
                return null;
            }
            if ((port == 443 && scheme.equals("https")) || (port == 80 && scheme.equals("http"))) {
                port = -1;
            }
            int q = rest.length();
            for (int i = 0; i < rest.length(); i++) {
                if (rest.charAt(i) == '?' || rest.charAt(i) == '#') {
                    q = i;
                    break;
                }
            }
            return new Url(host, port, rest.substring(0, q));
        }
    }
}
