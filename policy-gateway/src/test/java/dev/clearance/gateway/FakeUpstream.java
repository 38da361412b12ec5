package dev.clearance.gateway;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A scripted provider on 127.0.0.1: records exactly what it received and answers with what the test's script
 * says for that request.
 */
final class FakeUpstream implements AutoCloseable {
    /** What the upstream received ({@code query} null for none). */
    record Received(String path, Map<String, String> headers, byte[] body, String method, String query) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How the upstream answers one request. */
    interface Reply {
        void send(Response response, Callback callback) throws Exception;
    }

    static Reply json(int status, String body) {
        return (response, callback) -> {
            response.setStatus(status);
            response.getHeaders().put("Content-Type", "application/json");
            response.getHeaders().put("x-request-id", "req_fake");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        };
    }

    /** Server-sent events, each written and flushed on its own (as a real provider streams them). */
    static Reply sse(List<String> events) {
        return (response, callback) -> {
            response.setStatus(200);
            response.getHeaders().put("Content-Type", "text/event-stream");
            for (String e : events) {
                Content.Sink.write(response, false, ByteBuffer.wrap(e.getBytes(StandardCharsets.UTF_8)));
            }
            response.write(true, ByteBuffer.allocate(0), callback);
        };
    }

    /** Server-sent events with a pause before each one after the first. */
    static Reply sseSlowly(List<String> events, long pauseMillis) {
        return (response, callback) -> {
            response.setStatus(200);
            response.getHeaders().put("Content-Type", "text/event-stream");
            try {
                for (int i = 0; i < events.size(); i++) {
                    if (i > 0) {
                        Thread.sleep(pauseMillis);
                    }
                    Content.Sink.write(
                            response, false, ByteBuffer.wrap(events.get(i).getBytes(StandardCharsets.UTF_8)));
                }
                response.write(true, ByteBuffer.allocate(0), callback);
            } catch (java.io.IOException e) {
                callback.failed(e); // the gateway went away (it aborts the upstream when its caller does)
            }
        };
    }

    /** Answers nothing for {@code millis}, then fails. */
    static Reply hang(long millis) {
        return (response, callback) -> {
            Thread.sleep(millis);
            callback.failed(new IllegalStateException("hung"));
        };
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ServerConnector connector;
    private volatile Function<Received, Reply> script = r -> json(500, "{}");

    FakeUpstream() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (HttpField f : request.getHeaders()) {
                    headers.put(f.getName(), f.getValue());
                }
                java.nio.ByteBuffer buf = Content.Source.asByteBuffer(request);
                byte[] body = new byte[buf.remaining()];
                buf.get(body);
                Received r = new Received(
                        Request.getPathInContext(request),
                        headers,
                        body,
                        request.getMethod(),
                        request.getHttpURI().getQuery());
                received.add(r);
                try {
                    script.apply(r).send(response, callback);
                } catch (Exception e) {
                    callback.failed(e);
                }
                return true;
            }
        });
        server.start();
    }

    void script(Function<Received, Reply> script) {
        this.script = script;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
