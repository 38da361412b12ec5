package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearance.PolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.decisionlog.DecisionLogFile;
import dev.clearance.rules.DefaultRulePack;
import dev.clearance.server.ClearanceServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs made-up secrets and personal data through the CLI and the HTTP server, on destinations that redact, deny
 * and allow, and in malformed requests, and checks that no value appears in stdout, stderr, any log event (root
 * at INFO, Clearance's own loggers at DEBUG, the audit logger on), the audit file or any HTTP response: only
 * placeholders such as {@code [SECRET_1]} stand for them.
 */
class NoLeakTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRODUCTS =
            List.of("openai:chatgpt-free", "local:ollama", "anthropic:claude-enterprise", "openai:api");

    @TempDir
    Path tmp;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> outputs = new ArrayList<>();
    private Map<String, Level> savedLevels;

    @BeforeEach
    void captureLogs() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        savedLevels = new HashMap<>();
        savedLevels.put("root", root.getLevel());
        savedLevels.put("dev.clearance", level(ctx, "dev.clearance"));
        savedLevels.put(DecisionLog.LOGGER, level(ctx, DecisionLog.LOGGER));
        root.setLevel(Level.INFO);
        ctx.getLogger("dev.clearance").setLevel(Level.DEBUG);
        ctx.getLogger(DecisionLog.LOGGER).setLevel(Level.INFO);
        logs.setContext(ctx);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restoreLogs() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(savedLevels.get("root"));
        ctx.getLogger("dev.clearance").setLevel(savedLevels.get("dev.clearance"));
        ctx.getLogger(DecisionLog.LOGGER).setLevel(savedLevels.get(DecisionLog.LOGGER));
    }

    private static Level level(LoggerContext ctx, String name) {
        return ctx.getLogger(name).getLevel();
    }

    @Test
    void loggingConfig_jettyHttpParser_isAtErrorSoDuplicateHostValuesAreNotLogged() {
        // Jetty's HttpParser logs both values of duplicate Host headers at WARN (see HeaderValueLoggingTest)
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(ctx.getLogger("org.eclipse.jetty.http.HttpParser").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
    }

    @Test
    void cli_evaluateRedactAndBadInput_neverPrintLogOrAuditAValue() throws Exception {
        Path audit = tmp.resolve("audit.jsonl");
        StringBuilder jsonl = new StringBuilder();
        int decisions = 0;
        for (FakeSensitiveValues.Value v : FakeSensitiveValues.ALL) {
            for (String product : PRODUCTS) {
                String request = request(v, product);
                Path file = Files.writeString(tmp.resolve("req.json"), request);
                record(cli("", "evaluate", "--request", file.toString(), "--audit-log", audit.toString()));
                decisions++;
                jsonl.append(request.replace('\n', ' ')).append('\n');
            }
            record(cli(
                    "",
                    "evaluate",
                    "--product",
                    "openai:chatgpt-free",
                    "--classification",
                    "PUBLIC",
                    "--text",
                    FakeSensitiveValues.prompt(v),
                    "--audit-log",
                    audit.toString()));
            decisions++;
            record(cli("", "redact", "--text", FakeSensitiveValues.prompt(v)));
            for (String bad : badRequests(v)) {
                Path file = Files.writeString(tmp.resolve("bad.json"), bad);
                CliRun.Result r = cli("", "evaluate", "--request", file.toString(), "--audit-log", audit.toString());
                assertThat(r.code()).isEqualTo(ClearanceCli.INVALID_INPUT);
                record(r);
                jsonl.append(bad.replace('\n', ' ')).append('\n');
            }
        }
        record(cli(jsonl.toString(), "evaluate", "--jsonl", "--audit-log", audit.toString()));
        decisions += FakeSensitiveValues.ALL.size() * PRODUCTS.size();

        List<String> auditLines = Files.readAllLines(audit);
        assertThat(auditLines).hasSize(decisions);
        outputs.addAll(auditLines);
        assertNoValueLeaked();
    }

    @Test
    void server_decisionsRedactionsAndBadInput_neverRespondLogOrAuditAValue() throws Exception {
        Path audit = tmp.resolve("server-audit.jsonl");
        int decisions = 0;
        try (DecisionLogFile file = DecisionLog.appendTo(audit)) {
            PolicyEngine engine = PolicyEngine.builder()
                    .rulePack(DefaultRulePack.v1())
                    .decisionLog(DecisionLog.tee(file, DecisionLog.slf4j()))
                    .build();
            try (ClearanceServer server = ClearanceServer.builder()
                    .engine(engine)
                    .port(0)
                    .maxBodyBytes(4096)
                    .build()
                    .start()) {
                HttpClient http = HttpClient.newHttpClient();
                for (FakeSensitiveValues.Value v : FakeSensitiveValues.ALL) {
                    for (String product : PRODUCTS) {
                        HttpResponse<String> r =
                                post(http, server, "/v1/decisions", "application/json", request(v, product));
                        assertThat(r.statusCode()).isEqualTo(200);
                        record(r);
                        decisions++;
                    }
                    ObjectNode text = JSON.createObjectNode().put("text", FakeSensitiveValues.prompt(v));
                    HttpResponse<String> redacted =
                            post(http, server, "/v1/redactions", "application/json", text.toString());
                    assertThat(redacted.statusCode()).isEqualTo(200);
                    assertThat(JSON.readTree(redacted.body()).get("content").asText())
                            .contains("[");
                    record(redacted);
                    for (String bad : badRequests(v)) {
                        HttpResponse<String> r = post(http, server, "/v1/decisions", "application/json", bad);
                        assertThat(r.statusCode()).isEqualTo(400);
                        record(r);
                    }
                    record(post(
                            http,
                            server,
                            "/v1/redactions",
                            "application/json",
                            "{\"" + v.text().replace("\"", "") + "\": 1}"));
                    record(post(http, server, "/v1/decisions", "text/plain", FakeSensitiveValues.prompt(v)));
                    record(post(
                            http,
                            server,
                            "/v1/decisions",
                            "application/json",
                            request(v, "openai:api").repeat(40)));
                    record(post(
                            http,
                            server,
                            "/v9/" + v.needle().replaceAll("[^A-Za-z0-9]", ""),
                            "application/json",
                            "{}"));
                }
                record(http.send(
                        HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
        }
        List<String> auditLines = Files.readAllLines(audit);
        assertThat(auditLines).hasSize(decisions);
        outputs.addAll(auditLines);
        assertNoValueLeaked();
    }

    private void assertNoValueLeaked() {
        for (ILoggingEvent e : logs.list) {
            outputs.add(e.getLoggerName() + " " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
        }
        assertThat(logs.list)
                .as("audit events on the clearance.audit logger")
                .anyMatch(e -> e.getLoggerName().equals(DecisionLog.LOGGER));
        assertThat(outputs).isNotEmpty();
        for (String output : outputs) {
            for (FakeSensitiveValues.Value v : FakeSensitiveValues.ALL) {
                assertThat(output)
                        .as("output must not contain the %s", v.name())
                        .doesNotContain(v.needle());
            }
        }
    }

    /** A request whose content carries {@code v}; the requests to {@code product} redact, deny or allow it. */
    private static String request(FakeSensitiveValues.Value v, String product) {
        ObjectNode req = JSON.createObjectNode().put("id", "leak-" + v.name().replace(' ', '-'));
        req.putObject("destination").put("product", product);
        req.putObject("data").put("classification", "INTERNAL").put("content", FakeSensitiveValues.prompt(v));
        return req.toString();
    }

    /** Malformed requests with the value in every position an error message might quote. */
    private static List<String> badRequests(FakeSensitiveValues.Value v) {
        String q = JSON.createObjectNode().put("x", v.text()).get("x").toString();
        String bare = v.text().replace("\"", "");
        return List.of(
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"classification\": " + q + "}}",
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"content\": " + q + ", \"x\": 1}}",
                "{\"destination\": {\"product\": \"openai:api\"}, " + q + ": 1}",
                "{\"destination\": {\"product\": \"openai:api\", \"tier\": " + q + "}}",
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"content\": " + bare + "}}",
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"content\": " + q,
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"content\": [" + q + "]}}",
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"content\": " + q + "}} " + bare);
    }

    private void record(CliRun.Result r) {
        outputs.add(r.out());
        outputs.add(r.err());
    }

    private void record(HttpResponse<String> r) {
        outputs.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
    }

    private static CliRun.Result cli(String stdin, String... args) {
        return CliRun.withStdin(stdin, args);
    }

    private static HttpResponse<String> post(
            HttpClient http, ClearanceServer server, String path, String type, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.uri().resolve(path))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void corpus_everyValueIsDetected_soItsAbsenceProvesRedaction() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        for (FakeSensitiveValues.Value v : FakeSensitiveValues.ALL) {
            assertThat(engine.redact(FakeSensitiveValues.prompt(v)).content())
                    .as(v.name())
                    .doesNotContain(v.needle());
        }
    }
}
