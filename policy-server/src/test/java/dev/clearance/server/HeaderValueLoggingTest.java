package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Hostile headers carrying a planted secret: Jetty and the server log no header value. */
class HeaderValueLoggingTest {
    private static final String SECRET = "Zq7PlantedHeaderSecret91f";
    private static final String PARSER = "org.eclipse.jetty.http.HttpParser";

    static ClearanceServer server;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Map<String, Level> saved = new HashMap<>();

    @BeforeAll
    static void start() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        server = ClearanceServer.builder()
                .engine(engine)
                .port(0)
                .threads(2)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void capture() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.eclipse.jetty", "dev.clearance", PARSER)) {
            saved.put(name, ctx.getLogger(name).getLevel());
        }
        // production levels: everything at INFO, our own code at DEBUG
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        ctx.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
        ctx.getLogger("dev.clearance").setLevel(Level.DEBUG);
        logs.setContext(ctx);
        logs.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }

    @AfterEach
    void restore() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        saved.forEach((name, level) -> ctx.getLogger(name).setLevel(level));
    }

    @Test
    void duplicateHost_withJettyParserAtWarn_logsTheValue_whichIsWhyItMustBeAtError() throws Exception {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(PARSER).setLevel(Level.WARN);

        exchange("GET /health HTTP/1.1\r\nHost: localhost\r\nHost: " + SECRET + "\r\n\r\n");

        assertThat(logs.list).anySatisfy(e -> assertThat(text(e)).contains(SECRET));
    }

    @Test
    void hostileHeaders_withParserAtError_neverLogAHeaderValue() throws Exception {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(PARSER).setLevel(Level.ERROR);
        List<String> requests = List.of(
                "GET /health HTTP/1.1\r\nHost: localhost\r\nHost: " + SECRET + "\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Token: " + SECRET + "\u0001x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + SECRET + "a".repeat(20_000) + "\r\n\r\n",
                "POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + SECRET + "\r\n\r\n{}",
                "POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3" + SECRET
                        + "\r\n\r\n{}",
                "POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: " + SECRET + "\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: localhost\r\n" + SECRET + "\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: localhost\r\n " + SECRET + ": folded\r\n\r\n",
                "GET /nope HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + SECRET + "\r\n\r\n",
                "POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + SECRET + "\r\n"
                        + "Content-Length: 2\r\n\r\n{}",
                "GET /health?x=" + SECRET + " HTTP/1.1\r\nHost: " + SECRET + "\u007f\r\n\r\n");
        for (String r : requests) {
            String answer = exchange(r);
            assertThat(answer).as("answered without echoing the value").doesNotContain(SECRET);
        }
        // still serving
        assertThat(exchange("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");

        assertThat(logs.list).noneSatisfy(e -> assertThat(text(e)).contains(SECRET));
    }

    /** One request on its own connection; returns what the server sent before closing (or after 3 s). */
    private static String exchange(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(3_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            StringBuilder b = new StringBuilder();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    b.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException closedOrTimedOut) {
                // the answer so far is enough
            }
            return b.toString();
        }
    }

    private static String text(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage());
        if (e.getArgumentArray() != null) {
            for (Object a : e.getArgumentArray()) {
                b.append(' ').append(a);
            }
        }
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(' ').append(t.getMessage());
        }
        return b.toString();
    }
}
