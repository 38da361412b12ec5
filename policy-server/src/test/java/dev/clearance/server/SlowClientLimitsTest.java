package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-connection limits one at a time, with an idle timeout long enough that only the limit can act. */
class SlowClientLimitsTest {
    private static final String BODY = "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"classification\":"
            + " \"PUBLIC\", \"content\": \"hello\"}}";

    private static ClearanceServer.Builder server() {
        return ClearanceServer.builder()
                .engine(PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build())
                .port(0)
                .threads(2)
                .idleTimeout(Duration.ofSeconds(30));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void trickledBody_belowMinDataRate_gets408AndIsCounted() throws Exception {
        try (ClearanceServer s = server().minDataRate(1024)
                        .minDataRateGrace(Duration.ofMillis(500))
                        .build()
                        .start();
                Socket c = new Socket("127.0.0.1", s.port())) {
            c.setSoTimeout(10_000);
            OutputStream out = c.getOutputStream();
            out.write(("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                            + BODY.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            String answer = trickleUntilAnswered(c, out, BODY);

            assertThat(answer)
                    .startsWith("HTTP/1.1 408")
                    .contains("minimum data rate")
                    .contains("Connection: close");
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(8));
            assertThat(metrics(s)).contains("clearance_slow_clients_total{phase=\"body\"} 1.0\n");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void trickledHeaders_pastHeaderTimeout_connectionClosedAndCounted() throws Exception {
        try (ClearanceServer s =
                        server().headerTimeout(Duration.ofMillis(500)).build().start();
                Socket c = new Socket("127.0.0.1", s.port())) {
            c.setSoTimeout(10_000);
            OutputStream out = c.getOutputStream();
            long t0 = System.nanoTime();
            String answer =
                    trickleUntilAnswered(c, out, "GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(200));

            assertThat(answer).as("closed without an answer").isEmpty();
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(8));
            assertThat(metrics(s)).contains("clearance_slow_clients_total{phase=\"headers\"} 1.0\n");
        }
    }

    @Test
    void bodies_overBufferedBudget_get503() throws Exception {
        try (ClearanceServer s = server().maxBufferedBytes(16).build().start()) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(s.uri().resolve("/v1/decisions"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(BODY))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(metrics(s)).contains("clearance_busy_rejections_total 1.0\n");
        }
    }

    /** Sends {@code text} one byte every 100 ms until the server answers or closes; returns the answer. */
    private static String trickleUntilAnswered(Socket c, OutputStream out, String text) throws Exception {
        InputStream in = c.getInputStream();
        for (int i = 0; i < text.length(); i++) {
            try {
                out.write(text.charAt(i));
                out.flush();
            } catch (IOException closed) {
                break;
            }
            Thread.sleep(100);
            if (in.available() > 0) {
                break;
            }
        }
        StringBuilder b = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                b.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException reset) {
            // closed
        }
        return b.toString();
    }

    private static String metrics(ClearanceServer s) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(s.uri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
