package dev.clearance.gateway;

import dev.clearance.PolicyEngine;
import dev.clearance.rules.PolicySetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fake upstream and a gateway in front of it, both on 127.0.0.1 with ephemeral ports. */
final class Fixture implements AutoCloseable {
    static final PolicyEngine ENGINE = PolicySetup.builtIn().engineBuilder().build();
    static final String UPSTREAM_KEY = "sk-upstream-only-the-gateway-knows";
    static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z_]+_\\d+\\]");

    final FakeUpstream upstream;
    final ClearanceGateway gateway;
    final Path dir;

    Fixture(Path dir) throws Exception {
        this(dir, "");
    }

    /** {@code extra}: YAML appended to the configuration (more top-level keys). */
    Fixture(Path dir, String extra) throws Exception {
        this(dir, extra, ENGINE);
    }

    /** {@code engine}: what decides (null: the configuration's pack, as {@code clearance gateway} builds it). */
    Fixture(Path dir, String extra, dev.clearance.PolicyDecider engine) throws Exception {
        this.dir = dir;
        upstream = new FakeUpstream();
        Files.writeString(dir.resolve("upstream.key"), UPSTREAM_KEY + "\n", StandardCharsets.UTF_8);
        String yaml = """
                listen:
                  port: 0
                identity:
                  header: X-Clearance-User
                  groupsHeader: X-Clearance-Groups
                routes:
                  - prefix: /openai
                    api: openai
                    upstream: %1$s
                    product: openai:api
                    upstreamKey:
                      file: upstream.key
                  - prefix: /openai-free
                    api: openai
                    upstream: %1$s
                    product: openai:chatgpt-free
                  - prefix: /anthropic
                    api: anthropic
                    upstream: %1$s
                    product: anthropic:api
                    upstreamKey:
                      file: upstream.key
                  - prefix: /dead
                    api: openai
                    upstream: http://127.0.0.1:%2$d
                    product: openai:api
                """.formatted(upstream.uri(), deadPort()) + extra;
        GatewayConfig config = GatewayConfig.parse(yaml, dir);
        gateway = engine == null
                ? ClearanceGateway.start(config)
                : ClearanceGateway.start(config, (dev.clearance.PolicyEngine) engine);
    }

    String base(String prefix) {
        return "http://127.0.0.1:" + gateway.port() + prefix;
    }

    /** A port nothing listens on. */
    static int deadPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The first placeholder in {@code text}, or null. */
    static String placeholder(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        return m.find() ? m.group() : null;
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
    }
}
