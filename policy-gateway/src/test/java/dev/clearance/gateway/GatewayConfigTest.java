package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Classification;
import dev.clearance.server.http.ConnectorLimits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
    static final String MINIMAL = """
            identity:
              header: X-User
            routes:
              - prefix: /openai
                api: openai
                upstream: https://api.openai.com
                product: openai:api
            """;

    @Test
    void theExampleInTheRepositoryIsValid() {
        GatewayConfig c = GatewayConfig.load(Path.of("gateway.example.yaml"));

        assertThat(c.routes()).hasSize(2);
        assertThat(c.routes().get(1).api()).isEqualTo(GatewayConfig.Api.ANTHROPIC);
        assertThat(c.defaultClassification()).isEqualTo(Classification.INTERNAL);
        assertThat(c.decisionLog()).isEqualTo(Path.of("decisions.jsonl").toAbsolutePath());
        assertThat(c.packUrl()).isNull();
    }

    @Test
    void theExamplesCommentedPackUrlLinesAreValidWhenUncommented() throws Exception {
        String example = Files.readString(Path.of("gateway.example.yaml"));
        String enabled = example.replace("  # packUrl:", "  packUrl:")
                .replace("  # pollIntervalMillis:", "  pollIntervalMillis:");
        assertThat(enabled).isNotEqualTo(example);

        GatewayConfig c = GatewayConfig.parse(enabled, Path.of("."));

        assertThat(c.packUrl()).isEqualTo(URI.create("https://policy.example.internal/packs/fleet.bundle"));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void defaults() {
        GatewayConfig c = GatewayConfig.parse(MINIMAL, Path.of("/etc/clearance"));

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(GatewayConfig.DEFAULT_PORT);
        assertThat(c.classificationHeader()).isEqualTo("X-Clearance-Classification");
        assertThat(c.maxBodyBytes()).isEqualTo(GatewayConfig.DEFAULT_MAX_BODY_BYTES);
        assertThat(c.pack()).isNull();
        assertThat(c.withPort(0).port()).isZero();
        assertThat(c.maxConnections()).isEqualTo(ConnectorLimits.DEFAULT_MAX_CONNECTIONS);
        assertThat(c.headerTimeout()).hasMillis(ConnectorLimits.DEFAULT_HEADER_TIMEOUT_MILLIS);
        assertThat(c.minDataRate()).isEqualTo(ConnectorLimits.DEFAULT_MIN_DATA_RATE);
        assertThat(c.minDataRateGrace()).hasMillis(ConnectorLimits.DEFAULT_MIN_DATA_RATE_GRACE_MILLIS);
    }

    @Test
    void slowClientLimits_areReadAndStrictlyValidated() {
        GatewayConfig c = GatewayConfig.parse(
                MINIMAL + "limits:\n  maxConnections: 64\n  headerTimeoutMillis: 2000\n  minDataRate: 0\n"
                        + "  minDataRateGraceMillis: 750\n",
                Path.of("."));

        assertThat(c.maxConnections()).isEqualTo(64);
        assertThat(c.headerTimeout()).hasMillis(2000);
        assertThat(c.minDataRate()).isZero();
        assertThat(c.minDataRateGrace()).hasMillis(750);
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL + "limits:\n  maxConnections: 0\n", Path.of(".")))
                .hasMessageStartingWith("limits.maxConnections: must be an integer in 1..");
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL + "limits:\n  minDataRate: -1\n", Path.of(".")))
                .hasMessageStartingWith("limits.minDataRate: must be an integer in 0..");
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL + "limits:\n  headerTimeoutMillis: 0\n", Path.of(".")))
                .hasMessageStartingWith("limits.headerTimeoutMillis: must be an integer in 1..");
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL + "limits:\n  minDataRateMillis: 5\n", Path.of(".")))
                .hasMessage("limits.minDataRateMillis: unknown key");
    }

    @Test
    void anUnknownKeyIsNamedByItsPath_neverItsValue() {
        assertThatThrownBy(() -> GatewayConfig.parse(
                        MINIMAL.replace("product: openai:api", "product: openai:api\n    secretish: hunter2-value"),
                        Path.of(".")))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessage("routes[0].secretish: unknown key")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL + "limitz: {}\n", Path.of(".")))
                .hasMessage("limitz: unknown key");
    }

    @Test
    void watchNeedsAPack_andIsOffByDefault() {
        assertThat(GatewayConfig.parse(MINIMAL, Path.of(".")).watch()).isFalse();
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL + "policy:\n  watch: true\n", Path.of(".")))
                .hasMessage("policy.watch: needs policy.pack (a directory)");
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL, Path.of(".")).withWatch(true))
                .hasMessage("policy.watch: needs policy.pack (a directory)");
        GatewayConfig c = GatewayConfig.parse(MINIMAL + "policy:\n  pack: p\n  watch: true\n", Path.of("/srv"));
        assertThat(c.watch()).isTrue();
        assertThat(c.withPort(0).watch()).isTrue();
        assertThat(c.withWatch(false).watch()).isFalse();
    }

    @Test
    void badValuesAreNamedByPath() {
        assertThatThrownBy(
                        () -> GatewayConfig.parse(MINIMAL + "limits:\n  maxBodyBytes: lots-of-bytes\n", Path.of(".")))
                .hasMessageStartingWith("limits.maxBodyBytes: must be an integer")
                .hasMessageNotContaining("lots-of-bytes");
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL.replace("openai\n", "gemini-ish\n"), Path.of(".")))
                .hasMessage("routes[0].api: must be openai or anthropic");
        assertThatThrownBy(() -> GatewayConfig.parse(
                        MINIMAL.replace("https://api.openai.com", "ftp://user:pw@host"), Path.of(".")))
                .hasMessageStartingWith("routes[0].upstream:")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> GatewayConfig.parse(MINIMAL + "classification:\n  default: TOPSECRET\n", Path.of(".")))
                .hasMessageStartingWith("classification.default:")
                .hasMessageNotContaining("TOPSECRET");
        assertThatThrownBy(() -> GatewayConfig.parse(
                        MINIMAL.replace("header: X-User", "apiKeysFile: k.yaml\n  header: X"), Path.of(".")))
                .hasMessage("identity: set exactly one of header and apiKeysFile");
        assertThatThrownBy(() -> GatewayConfig.parse("routes: []\nidentity: {header: X}\n", Path.of(".")))
                .hasMessageStartingWith("routes:");
        assertThatThrownBy(() -> GatewayConfig.parse("identity: [\n", Path.of(".")))
                .hasMessageStartingWith("configuration: not valid YAML");
        assertThatThrownBy(
                        () -> GatewayConfig.parse(MINIMAL + MINIMAL.substring(MINIMAL.indexOf("routes")), Path.of(".")))
                .isInstanceOf(GatewayConfigException.class);
    }

    @Test
    void anUpstreamKeyFromAMissingVariableIsAStartupError_namingTheVariableKeyNotAValue() {
        GatewayConfig.KeySource source = new GatewayConfig.KeySource("CLEARANCE_TEST_SURELY_UNSET_VARIABLE", null);

        assertThatThrownBy(() -> source.read("routes[0].upstreamKey"))
                .hasMessage("routes[0].upstreamKey.env: the environment variable is not set");
    }
}
