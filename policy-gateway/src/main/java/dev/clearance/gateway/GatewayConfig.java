package dev.clearance.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clearance.Classification;
import dev.clearance.server.http.ConnectorLimits;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The gateway's configuration: one YAML file, strictly validated. Every key is documented in
 * {@code docs/gateway.md}; an unknown key, a missing required one or a value of the wrong kind is a
 * {@link GatewayConfigException} naming the key path, never the value. Relative file paths are resolved against the
 * configuration file's directory.
 *
 * <pre>{@code
 * GatewayConfig config = GatewayConfig.load(Path.of("gateway.yaml"));
 * try (ClearanceGateway gateway = ClearanceGateway.start(config)) { ... }
 * }</pre>
 */
public final class GatewayConfig {
    /** Default bind address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port. */
    public static final int DEFAULT_PORT = 8788;
    /** Default header that may raise a request's classification. */
    public static final String DEFAULT_CLASSIFICATION_HEADER = "X-Clearance-Classification";
    /** Default header naming a conversation. */
    public static final String DEFAULT_CONVERSATION_HEADER = "X-Clearance-Conversation";
    /** Default largest request body: 4 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 4 << 20;
    /** Default largest upstream answer held whole (non-streaming) or one stream event: 16 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 << 20;

    /** The provider API a route speaks: decides the endpoints, the error shape and how the upstream key is sent. */
    public enum Api {
        OPENAI,
        ANTHROPIC
    }

    /** Where an upstream key comes from: an environment variable or a file (its first line). */
    public record KeySource(String env, Path file) {
        String read(String at) {
            String value;
            if (env != null) {
                value = System.getenv(env);
                if (value == null || value.isBlank()) {
                    throw new GatewayConfigException(at + ".env", "the environment variable is not set");
                }
            } else {
                try {
                    value = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new GatewayConfigException(at + ".file", "cannot read the key file");
                }
            }
            String line = value.strip().lines().findFirst().orElse("").strip();
            if (line.isEmpty()) {
                throw new GatewayConfigException(at, "the upstream key is empty");
            }
            return line;
        }
    }

    /**
     * One route: requests under {@code prefix} go to {@code upstream} (the prefix removed), are decided for the
     * catalog product {@code product} with the account state given, and carry the upstream key.
     */
    public record Route(
            String prefix,
            Api api,
            URI upstream,
            String product,
            Boolean zeroDataRetention,
            Boolean trainingOptOut,
            KeySource upstreamKey) {}

    private final String host;
    private final int port;
    private final List<Route> routes;
    private final String userHeader;
    private final String groupsHeader;
    private final Path apiKeysFile;
    private final Classification defaultClassification;
    private final String classificationHeader;
    private final Classification attachmentClassification;
    private final String conversationHeader;
    private final Path pack;
    private final Path catalog;
    private final List<Path> trustedKeys;
    private final Path decisionLog;
    private final boolean watch;
    private final URI packUrl;
    private final Duration pollInterval;
    private final int maxBodyBytes;
    private final int maxResponseBytes;
    private final Duration connectTimeout;
    private final Duration upstreamTimeout;
    private final Duration streamIdleTimeout;
    private final Duration idleTimeout;
    private final Duration shutdownTimeout;
    private final int threads;
    private final int cacheEntries;
    private final int maxConnections;
    private final Duration headerTimeout;
    private final long minDataRate;
    private final Duration minDataRateGrace;

    private GatewayConfig(Node root) {
        root.only("listen", "routes", "identity", "classification", "attachments", "conversation", "policy", "limits");
        Node listen = root.object("listen");
        listen.only("host", "port");
        host = listen.string("host", DEFAULT_HOST);
        port = listen.integer("port", DEFAULT_PORT, 0, 65_535);

        Node identity = root.object("identity");
        identity.only("header", "groupsHeader", "apiKeysFile");
        userHeader = identity.string("header", null);
        groupsHeader = identity.string("groupsHeader", null);
        apiKeysFile = identity.path("apiKeysFile");
        if ((userHeader == null) == (apiKeysFile == null)) {
            throw new GatewayConfigException(identity.at, "set exactly one of header and apiKeysFile");
        }
        if (groupsHeader != null && userHeader == null) {
            throw new GatewayConfigException(identity.at + ".groupsHeader", "needs identity.header");
        }

        Node classification = root.object("classification");
        classification.only("default", "header");
        defaultClassification = classification.classification("default", Classification.INTERNAL);
        classificationHeader = classification.string("header", DEFAULT_CLASSIFICATION_HEADER);

        Node attachments = root.object("attachments");
        attachments.only("classification");
        attachmentClassification = attachments.classification("classification", Classification.INTERNAL);

        Node conversation = root.object("conversation");
        conversation.only("header");
        conversationHeader = conversation.string("header", DEFAULT_CONVERSATION_HEADER);

        Node policy = root.object("policy");
        policy.only("pack", "catalog", "trustedKeys", "decisionLog", "watch", "packUrl", "pollIntervalMillis");
        pack = policy.path("pack");
        catalog = policy.path("catalog");
        trustedKeys = policy.paths("trustedKeys");
        decisionLog = policy.path("decisionLog");
        Boolean w = policy.bool("watch");
        watch = w != null && w;
        if (watch && pack == null) {
            throw new GatewayConfigException(policy.at + ".watch", "needs policy.pack (a directory)");
        }
        String url = policy.string("packUrl", null);
        packUrl = url == null ? null : bundleUri(url, root.base, policy.at + ".packUrl");
        pollInterval = policy.millis("pollIntervalMillis", 30_000);

        Node limits = root.object("limits");
        limits.only(
                "maxBodyBytes",
                "maxResponseBytes",
                "connectTimeoutMillis",
                "upstreamTimeoutMillis",
                "streamIdleTimeoutMillis",
                "idleTimeoutMillis",
                "shutdownTimeoutMillis",
                "threads",
                "cacheEntries",
                "maxConnections",
                "headerTimeoutMillis",
                "minDataRate",
                "minDataRateGraceMillis");
        maxBodyBytes = limits.integer("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE);
        maxResponseBytes = limits.integer("maxResponseBytes", DEFAULT_MAX_RESPONSE_BYTES, 1, Integer.MAX_VALUE);
        connectTimeout = limits.millis("connectTimeoutMillis", 5_000);
        upstreamTimeout = limits.millis("upstreamTimeoutMillis", 120_000);
        streamIdleTimeout = limits.millis("streamIdleTimeoutMillis", 60_000);
        idleTimeout = limits.millis("idleTimeoutMillis", 30_000);
        shutdownTimeout = limits.millis("shutdownTimeoutMillis", 30_000);
        threads = limits.integer("threads", 64, 1, 10_000);
        cacheEntries = limits.integer("cacheEntries", 50_000, 0, 10_000_000);
        // the slow-client limits, the same as clearance serve's (dev.clearance.server.http.ConnectorLimits)
        maxConnections = limits.integer("maxConnections", ConnectorLimits.DEFAULT_MAX_CONNECTIONS, 1, 1_000_000);
        headerTimeout = limits.millis("headerTimeoutMillis", (int) ConnectorLimits.DEFAULT_HEADER_TIMEOUT_MILLIS);
        minDataRate = limits.integer("minDataRate", (int) ConnectorLimits.DEFAULT_MIN_DATA_RATE, 0, Integer.MAX_VALUE);
        minDataRateGrace =
                limits.millis("minDataRateGraceMillis", (int) ConnectorLimits.DEFAULT_MIN_DATA_RATE_GRACE_MILLIS);

        routes = List.copyOf(readRoutes(root));
    }

    private static List<Route> readRoutes(Node root) {
        JsonNode list = root.node.get("routes");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new GatewayConfigException("routes", "a non-empty list of routes is required");
        }
        List<Route> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Node r = new Node(list.get(i), "routes[" + i + "]", root.base);
            r.requireObject();
            r.only("prefix", "api", "upstream", "product", "zeroDataRetention", "trainingOptOut", "upstreamKey");
            String prefix = r.required("prefix");
            if (!prefix.startsWith("/") || prefix.endsWith("/") && prefix.length() > 1 || prefix.contains("..")) {
                throw new GatewayConfigException(r.at + ".prefix", "must start with / and not end with /");
            }
            Api api;
            String apiName = r.required("api");
            try {
                api = Api.valueOf(apiName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new GatewayConfigException(r.at + ".api", "must be openai or anthropic");
            }
            URI upstream;
            try {
                upstream = URI.create(r.required("upstream"));
            } catch (IllegalArgumentException e) {
                throw new GatewayConfigException(r.at + ".upstream", "not a URL");
            }
            if (!("http".equals(upstream.getScheme()) || "https".equals(upstream.getScheme()))
                    || upstream.getHost() == null
                    || upstream.getQuery() != null
                    || upstream.getUserInfo() != null) {
                throw new GatewayConfigException(
                        r.at + ".upstream", "must be an http(s) URL with a host, no query and no user info");
            }
            String product = r.required("product");
            Boolean zdr = r.bool("zeroDataRetention");
            Boolean optOut = r.bool("trainingOptOut");
            KeySource key = null;
            JsonNode k = r.node.get("upstreamKey");
            if (k != null) {
                Node kn = new Node(k, r.at + ".upstreamKey", root.base);
                kn.requireObject();
                kn.only("env", "file");
                String env = kn.string("env", null);
                Path file = kn.path("file");
                if ((env == null) == (file == null)) {
                    throw new GatewayConfigException(kn.at, "set exactly one of env and file");
                }
                key = new KeySource(env, file);
            }
            for (Route other : out) {
                if (other.prefix().equals(prefix)) {
                    throw new GatewayConfigException(r.at + ".prefix", "the same prefix as another route");
                }
            }
            out.add(new Route(prefix, api, upstream, product, zdr, optOut, key));
        }
        return out;
    }

    /**
     * Reads and validates the configuration file.
     *
     * @throws GatewayConfigException when the file cannot be read or is not valid
     */
    public static GatewayConfig load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GatewayConfigException(
                    "", "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, dir);
    }

    /**
     * Validates configuration text; relative paths are resolved against {@code baseDirectory}.
     *
     * @throws GatewayConfigException when it is not valid
     */
    public static GatewayConfig parse(String yaml, Path baseDirectory) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            // never e.getMessage(): it quotes the text
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new GatewayConfigException("", "not valid YAML" + (line > 0 ? " (line " + line + ")" : ""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new GatewayConfigException("", "the file is empty");
        }
        Node n = new Node(root, "", baseDirectory);
        n.requireObject();
        return new GatewayConfig(n);
    }

    /** A YAML node with the path it was found at, for messages. */
    private static final class Node {
        final JsonNode node;
        final String at;
        final Path base;

        Node(JsonNode node, String at, Path base) {
            this.node = node;
            this.at = at;
            this.base = base;
        }

        private String child(String key) {
            return at.isEmpty() ? key : at + "." + key;
        }

        void requireObject() {
            if (!node.isObject()) {
                throw new GatewayConfigException(at, "must be a mapping");
            }
        }

        void only(String... keys) {
            Set<String> allowed = Set.of(keys);
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                if (!allowed.contains(key)) {
                    throw new GatewayConfigException(child(key), "unknown key");
                }
            }
        }

        Node object(String key) {
            JsonNode v = node.get(key);
            Node n = new Node(
                    v == null || v.isNull()
                            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            : v,
                    child(key),
                    base);
            n.requireObject();
            return n;
        }

        String string(String key, String fallback) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new GatewayConfigException(child(key), "must be a non-empty string");
            }
            return v.asText().strip();
        }

        String required(String key) {
            String s = string(key, null);
            if (s == null) {
                throw new GatewayConfigException(child(key), "is required");
            }
            return s;
        }

        Boolean bool(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isBoolean()) {
                throw new GatewayConfigException(child(key), "must be true or false");
            }
            return v.booleanValue();
        }

        int integer(String key, int fallback, int min, int max) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min || v.intValue() > max) {
                throw new GatewayConfigException(child(key), "must be an integer in " + min + ".." + max);
            }
            return v.intValue();
        }

        Duration millis(String key, int fallback) {
            return Duration.ofMillis(integer(key, fallback, 1, Integer.MAX_VALUE));
        }

        Classification classification(String key, Classification fallback) {
            String s = string(key, null);
            if (s == null) {
                return fallback;
            }
            try {
                return Classification.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new GatewayConfigException(child(key), "must be PUBLIC, INTERNAL, CONFIDENTIAL or RESTRICTED");
            }
        }

        Path path(String key) {
            String s = string(key, null);
            return s == null ? null : base.resolve(s).normalize();
        }

        List<Path> paths(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new GatewayConfigException(child(key), "must be a list of file paths");
            }
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                    throw new GatewayConfigException(child(key) + "[" + i + "]", "must be a file path");
                }
                out.add(base.resolve(v.get(i).asText().strip()).normalize());
            }
            return List.copyOf(out);
        }
    }

    /** The same configuration listening on {@code port} (0: an ephemeral one). */
    public GatewayConfig withPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535");
        }
        return new GatewayConfig(this, port, watch);
    }

    /**
     * The same configuration with the pack (and organization catalog) watched for changes, or not.
     *
     * @throws GatewayConfigException when watching is asked for and no pack is configured
     */
    public GatewayConfig withWatch(boolean watch) {
        if (watch && pack == null) {
            throw new GatewayConfigException("policy.watch", "needs policy.pack (a directory)");
        }
        return new GatewayConfig(this, port, watch);
    }

    /**
     * The same configuration polling {@code url} ({@code https:}, {@code http:} or {@code file:}) for signed pack
     * bundles ({@code policy.packUrl}); null stops polling.
     *
     * @throws GatewayConfigException for another scheme
     */
    public GatewayConfig withPackUrl(URI url) {
        if (url != null) {
            checkBundleScheme(url, "policy.packUrl");
        }
        return new GatewayConfig(this, port, watch, url);
    }

    /** A URL as given ({@code https:}, {@code http:}, {@code file:}), or a file path resolved to a file URL. */
    private static URI bundleUri(String url, Path base, String at) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://") && !lower.startsWith("file:")) {
            if (url.contains("://")) {
                throw new GatewayConfigException(at, "must be an https:, http: or file: URL or a file path");
            }
            return base.resolve(url).normalize().toUri();
        }
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigException(at, "not a URL");
        }
        checkBundleScheme(u, at);
        return u;
    }

    private static void checkBundleScheme(URI u, String at) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!Set.of("https", "http", "file").contains(scheme) || u.getUserInfo() != null) {
            throw new GatewayConfigException(at, "must be an https:, http: or file: URL with no user info");
        }
    }

    private GatewayConfig(GatewayConfig o, int port, boolean watch) {
        this(o, port, watch, o.packUrl);
    }

    private GatewayConfig(GatewayConfig o, int port, boolean watch, URI packUrl) {
        this.watch = watch;
        this.packUrl = packUrl;
        this.pollInterval = o.pollInterval;
        this.host = o.host;
        this.port = port;
        this.routes = o.routes;
        this.userHeader = o.userHeader;
        this.groupsHeader = o.groupsHeader;
        this.apiKeysFile = o.apiKeysFile;
        this.defaultClassification = o.defaultClassification;
        this.classificationHeader = o.classificationHeader;
        this.attachmentClassification = o.attachmentClassification;
        this.conversationHeader = o.conversationHeader;
        this.pack = o.pack;
        this.catalog = o.catalog;
        this.trustedKeys = o.trustedKeys;
        this.decisionLog = o.decisionLog;
        this.maxBodyBytes = o.maxBodyBytes;
        this.maxResponseBytes = o.maxResponseBytes;
        this.connectTimeout = o.connectTimeout;
        this.upstreamTimeout = o.upstreamTimeout;
        this.streamIdleTimeout = o.streamIdleTimeout;
        this.idleTimeout = o.idleTimeout;
        this.shutdownTimeout = o.shutdownTimeout;
        this.threads = o.threads;
        this.cacheEntries = o.cacheEntries;
        this.maxConnections = o.maxConnections;
        this.headerTimeout = o.headerTimeout;
        this.minDataRate = o.minDataRate;
        this.minDataRateGrace = o.minDataRateGrace;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public List<Route> routes() {
        return routes;
    }

    /** The header naming the caller's user id; null when callers are identified by gateway API keys. */
    public String userHeader() {
        return userHeader;
    }

    /** The header listing the caller's groups (comma-separated); null for none. */
    public String groupsHeader() {
        return groupsHeader;
    }

    /** The gateway API keys file; null when callers are identified by a header. */
    public Path apiKeysFile() {
        return apiKeysFile;
    }

    public Classification defaultClassification() {
        return defaultClassification;
    }

    public String classificationHeader() {
        return classificationHeader;
    }

    /** The classification an image or file part is decided at (its content cannot be scanned). */
    public Classification attachmentClassification() {
        return attachmentClassification;
    }

    public String conversationHeader() {
        return conversationHeader;
    }

    /** The rule pack directory or archive; null for the built-in pack. */
    public Path pack() {
        return pack;
    }

    /** The organization's catalog file; null for none. */
    public Path catalog() {
        return catalog;
    }

    public List<Path> trustedKeys() {
        return trustedKeys;
    }

    /**
     * Whether the pack directory (and the organization catalog file) are watched: a change reloads them while the
     * gateway serves, a broken pack leaves the last good one serving ({@code policy.watch}).
     */
    public boolean watch() {
        return watch;
    }

    /** The decision log file (JSON lines); null to log through slf4j. */
    public Path decisionLog() {
        return decisionLog;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest wait for a whole non-streaming answer, or for a stream's response headers. */
    public Duration upstreamTimeout() {
        return upstreamTimeout;
    }

    /** Longest silence in the middle of an upstream stream. */
    public Duration streamIdleTimeout() {
        return streamIdleTimeout;
    }

    /** Longest silence on a caller's connection. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long shutdown waits for requests and streams in flight. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public int threads() {
        return threads;
    }

    /** Most caller connections open at once ({@code limits.maxConnections}); more wait in the listen backlog. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Time a new connection has to complete its first request's headers ({@code limits.headerTimeoutMillis}). */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** Minimum average rate of a request body in bytes/s after the grace period ({@code limits.minDataRate}); 0: off. */
    public long minDataRate() {
        return minDataRate;
    }

    /** Time a request body may take before {@link #minDataRate()} applies ({@code limits.minDataRateGraceMillis}). */
    public Duration minDataRateGrace() {
        return minDataRateGrace;
    }

    /**
     * Where signed pack bundles are polled from ({@code policy.packUrl}), or null: a new bundle verified under
     * {@link #trustedKeys()} is swapped in while the gateway serves, the last good pack kept on any failure.
     */
    public URI packUrl() {
        return packUrl;
    }

    /** Time between bundle polls ({@code policy.pollIntervalMillis}, 30 s); doubled after a failure, up to 10 min. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** Most entries of the checked-message cache; 0 turns it off. */
    public int cacheEntries() {
        return cacheEntries;
    }

    @Override
    public String toString() {
        return "GatewayConfig[" + host + ":" + port + ", " + routes.size() + " route(s)]";
    }
}
