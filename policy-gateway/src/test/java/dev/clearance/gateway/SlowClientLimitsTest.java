package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's connector has the same slow-client limits as {@code clearance serve}
 * ({@code dev.clearance.server.http.ConnectorLimits}): slowloris clients are cut off while a normal client is
 * served, a body below the minimum data rate is cut, and past the connection limit a connection is not served
 * until a slot frees, each counted in {@code /metrics}. Behaviour only, with generous bounds.
 */
class SlowClientLimitsTest {
    static final String CHAT = "/openai/v1/chat/completions";
    static final int SLOW_CLIENTS = 40;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void slowloris_headersOneByteAtATime_areCutWhileANormalClientIsServed() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Fixture fx = new Fixture(dir, """
                limits:
                  headerTimeoutMillis: 1000
                """)) {
            fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("ok")));
            byte[] headers = ("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Clearance-User: mallory\r\n"
                            + "Content-Type: application/json\r\nX-Padding: " + "a".repeat(200) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.gateway.port());
                s.setSoTimeout(10_000);
                slow.add(s);
            }
            int[] sent = new int[SLOW_CLIENTS];
            trickle.scheduleAtFixedRate(
                    () -> {
                        for (int i = 0; i < SLOW_CLIENTS; i++) {
                            if (sent[i] >= headers.length) {
                                continue;
                            }
                            try {
                                slow.get(i).getOutputStream().write(headers[sent[i]]);
                                sent[i]++;
                            } catch (IOException closed) {
                                sent[i] = headers.length; // cut by the gateway
                            }
                        }
                    },
                    0,
                    20,
                    TimeUnit.MILLISECONDS);

            HttpResponse<String> normal = Raw.post(fx.base(CHAT), FailClosedTest.ask("hello", false));

            assertThat(normal.statusCode()).isEqualTo(200);
            assertThat(normal.body()).contains("ok");
            for (Socket s : slow) {
                assertThat(cutOff(s))
                        .as("a slowloris connection is closed by the gateway")
                        .isTrue();
            }
            assertThat(value(fx.gateway.metrics(), "clearance_slow_clients_total{phase=\"headers\"}"))
                    .isEqualTo(SLOW_CLIENTS);
            assertThat(fx.upstream.received).hasSize(1);
            for (Socket s : slow) {
                s.close();
            }
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void bodyBelowTheMinimumDataRate_isCutAndCountedAndNothingIsForwarded() throws Exception {
        try (Fixture fx = new Fixture(dir, """
                limits:
                  minDataRate: 1024
                  minDataRateGraceMillis: 500
                """)) {
            String body = FailClosedTest.ask("hello", false);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.gateway.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Clearance-User: mallory\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body.substring(0, 5).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // then nothing more: 5 bytes stay below 1024 B/s once the grace is over

                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThat(answer).contains("\"code\":\"clearance_body_too_slow\"");
                assertThat(answer).containsIgnoringCase("connection: close");
            }
            assertThat(fx.gateway.metrics()).contains("clearance_gateway_errors_total{kind=\"body_too_slow\"} 1.0");
            assertThat(value(fx.gateway.metrics(), "clearance_slow_clients_total{phase=\"body\"}"))
                    .isEqualTo(1);
            assertThat(fx.upstream.received).isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pastTheConnectionLimit_aConnectionIsNotServedUntilASlotFrees_andTheLimitIsCounted() throws Exception {
        try (Fixture fx = new Fixture(dir, """
                limits:
                  maxConnections: 2
                  headerTimeoutMillis: 30000
                """)) {
            int port = fx.gateway.port();
            Socket first = new Socket(InetAddress.getLoopbackAddress(), port);
            Socket second = new Socket(InetAddress.getLoopbackAddress(), port);
            try (Socket third = new Socket(InetAddress.getLoopbackAddress(), port)) {
                // the kernel completes the handshake (listen backlog); the gateway does not accept it
                third.getOutputStream()
                        .write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                third.setSoTimeout(1_000);
                boolean servedAtTheLimit;
                try {
                    servedAtTheLimit = third.getInputStream().read() >= 0;
                } catch (SocketTimeoutException notServed) {
                    servedAtTheLimit = false;
                }
                assertThat(servedAtTheLimit).as("served while at the limit").isFalse();
                assertThat(value(fx.gateway.metrics(), "clearance_connection_limit_reached_total"))
                        .isGreaterThanOrEqualTo(1);

                first.close();
                third.setSoTimeout(10_000);
                byte[] status = third.getInputStream().readNBytes(12);

                assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            } finally {
                first.close();
                second.close();
            }
        }
    }

    /** True when the gateway closed the connection (end of stream or reset) within the socket's timeout. */
    static boolean cutOff(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    static double value(String metrics, String series) {
        return metrics.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + series));
    }
}
