package dev.clearance.bench;

import dev.clearance.PolicyEngine;
import dev.clearance.gateway.ClearanceGateway;
import dev.clearance.gateway.GatewayConfig;
import dev.clearance.rules.PolicySetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A loopback load driver (not JMH, not a test): the gateway's added latency and its throughput over a fake
 * upstream that answers at once, for a 2 KB prompt and for turn 40 of a conversation (about 60 KB of history, all
 * but the last message already seen), streaming and not. Each request carries a new last message, so the
 * engine's own decision cache does not answer it.
 *
 * <p>Two measurements per scenario. <b>Fixed rate</b> (open loop, the one the targets are stated for): requests
 * are sent at {@code --rate} per second on a fixed schedule whatever the answers do, and each latency is measured
 * from the request's <i>scheduled</i> send time, so a stall delays every request scheduled during it and shows in
 * the percentiles (no coordinated omission). <b>Closed loop</b>: one client at a time for the latency columns,
 * {@code --clients} back-to-back clients for the maximum requests per second.
 *
 * <p>The driver, the fake upstream and the gateway share the machine's cores, so the direct path's own
 * percentiles are printed beside the gateway's, and so is the gateway's own time per request (reading, deciding,
 * editing and restoring, without the upstream wait and the network), read from its
 * {@code clearance_gateway_own_seconds} histogram (bucket upper bounds, within a third of the value), and the CPU
 * time the gateway's threads used per request (all threads named {@code clearance-gateway*}: its connector, its
 * workers, its upstream client), which a starved machine does not inflate the way it inflates latencies. Failed
 * requests are counted by why: the status code, a timeout, a connection error.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.clearance.bench.GatewayLoad [--rate R]
 * [--fixed-seconds F] [--requests N] [--seconds S] [--clients C] [--warmup W] [--only fixed|closed]}
 */
public final class GatewayLoad {
    static final String ANSWER = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Fine, thanks for"
            + " asking about it.\"},\"finish_reason\":\"stop\"}]}";
    static final String STREAM;

    static {
        StringBuilder sb = new StringBuilder();
        for (String w : "Fine , thanks for asking about it .".split(" ")) {
            sb.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + w + " \"},\"finish_reason\":null}]}\n\n");
        }
        sb.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        STREAM = sb.toString();
    }

    private GatewayLoad() {}

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(arg(args, "--requests", "2000"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "10"));
        int clients = Integer.parseInt(arg(args, "--clients", "8"));
        int rate = Integer.parseInt(arg(args, "--rate", "500"));
        int fixedSeconds = Integer.parseInt(arg(args, "--fixed-seconds", "10"));
        String only = arg(args, "--only", "");
        int warmup = Integer.parseInt(arg(args, "--warmup", "200"));
        Server upstream = fakeUpstream();
        int upstreamPort = ((ServerConnector) upstream.getConnectors()[0]).getLocalPort();
        PolicyEngine engine = PolicySetup.builtIn().engineBuilder().build();
        GatewayConfig config = GatewayConfig.parse("""
                listen: {port: 0}
                identity: {header: X-User}
                routes:
                  - {prefix: /openai, api: openai, upstream: "http://127.0.0.1:%d", product: openai:api}
                limits: {threads: 32}
                """.formatted(upstreamPort), Path.of("."));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try (ClearanceGateway gateway = ClearanceGateway.start(config, engine)) {
            String direct = "http://127.0.0.1:" + upstreamPort + "/v1/chat/completions";
            String via = "http://127.0.0.1:" + gateway.port() + "/openai/v1/chat/completions";
            if (!only.equals("closed")) {
                System.out.println("Fixed rate " + rate + " req/s for " + fixedSeconds
                        + " s, latency from the scheduled" + " send time (open loop)");
                System.out.println("| scenario | direct p50 ms | via gateway p50 ms | added p50 ms | direct p99 ms"
                        + " | via gateway p99 ms | added p99 ms | gateway own p50 / p99 ms | gateway CPU ms/request"
                        + " | failed direct / gateway (why) |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|");
                for (boolean stream : new boolean[] {false, true}) {
                    for (int turns : new int[] {1, 40}) {
                        Body body = new Body(turns, stream);
                        latencies(http, direct, body, warmup); // warm-up
                        latencies(http, via, body, warmup);
                        FixedRate d = fixedRate(http, direct, body, rate, fixedSeconds);
                        Own own = new Own(gateway);
                        long cpu = gatewayCpuNanos();
                        FixedRate g = fixedRate(http, via, body, rate, fixedSeconds);
                        double cpuMs = (gatewayCpuNanos() - cpu) / 1e6 / g.ms.length;
                        System.out.printf(
                                "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %.3f | %s |%n",
                                name(turns, stream),
                                pct(d.ms, 50),
                                pct(g.ms, 50),
                                pct(g.ms, 50) - pct(d.ms, 50),
                                pct(d.ms, 99),
                                pct(g.ms, 99),
                                pct(g.ms, 99) - pct(d.ms, 99),
                                own.since(),
                                cpuMs,
                                d.failures.describe() + " / " + g.failures.describe());
                    }
                }
                System.out.println();
            }
            if (only.equals("fixed")) {
                return;
            }
            System.out.println("Closed loop: latency one request at a time; max req/s with " + clients + " clients");
            System.out.println("| scenario | direct p50 ms | via gateway p50 ms | added p50 ms | direct p99 ms"
                    + " | via gateway p99 ms | added p99 ms | gateway own p50 / p99 ms | gateway CPU ms/request"
                    + " | gateway max req/s (" + clients + " clients) | failed (why) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (boolean stream : new boolean[] {false, true}) {
                for (int turns : new int[] {1, 40}) {
                    String name = name(turns, stream);
                    Body body = new Body(turns, stream);
                    latencies(http, direct, body, requests / 4); // warm-up
                    latencies(http, via, body, requests / 4);
                    double[] d = latencies(http, direct, body, requests);
                    Own own = new Own(gateway);
                    long cpu = gatewayCpuNanos();
                    double[] g = latencies(http, via, body, requests);
                    double cpuMs = (gatewayCpuNanos() - cpu) / 1e6 / requests;
                    String ownTimes = own.since();
                    Failures failures = new Failures();
                    double rps = throughput(http, via, body, clients, seconds, failures);
                    System.out.printf(
                            "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %.3f | %.0f | %s |%n",
                            name,
                            pct(d, 50),
                            pct(g, 50),
                            pct(g, 50) - pct(d, 50),
                            pct(d, 99),
                            pct(g, 99),
                            pct(g, 99) - pct(d, 99),
                            ownTimes,
                            cpuMs,
                            rps,
                            failures.describe());
                }
            }
        } finally {
            upstream.stop();
        }
    }

    static String name(int turns, boolean stream) {
        return (turns == 1 ? "2 KB prompt" : "turn 40 (~60 KB history)") + (stream ? ", streaming" : "");
    }

    /** Latencies (sorted, ms, from each request's scheduled send time) and the requests that failed, by why. */
    record FixedRate(double[] ms, Failures failures) {}

    /** Failed requests by kind: {@code status 503}, {@code timeout}, {@code connection}, or the exception's name. */
    static final class Failures {
        private final java.util.concurrent.ConcurrentSkipListMap<String, AtomicLong> kinds =
                new java.util.concurrent.ConcurrentSkipListMap<>();

        void add(int status, Throwable error) {
            kinds.computeIfAbsent(error == null ? "status " + status : kind(error), k -> new AtomicLong())
                    .incrementAndGet();
        }

        static String kind(Throwable error) {
            Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "timeout";
            }
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return "connection";
            }
            if (t instanceof java.io.IOException) {
                return "connection (" + t.getClass().getSimpleName() + ")";
            }
            return t.getClass().getSimpleName();
        }

        long total() {
            return kinds.values().stream().mapToLong(AtomicLong::get).sum();
        }

        /** {@code 0}, or {@code 452 (status 503: 400, timeout: 52)}. */
        String describe() {
            if (kinds.isEmpty()) {
                return "0";
            }
            StringBuilder sb = new StringBuilder().append(total()).append(" (");
            kinds.forEach((k, n) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ")
                    .append(k)
                    .append(": ")
                    .append(n.get()));
            return sb.append(')').toString();
        }
    }

    /**
     * The gateway's own time per request over a stretch of the run: the difference of its
     * {@code clearance_gateway_own_seconds} histogram between construction and {@link #since()}.
     */
    static final class Own {
        private final ClearanceGateway gateway;
        private final java.util.TreeMap<Double, Double> before;

        Own(ClearanceGateway gateway) {
            this.gateway = gateway;
            this.before = buckets(gateway.metrics());
        }

        static java.util.TreeMap<Double, Double> buckets(String metrics) {
            java.util.TreeMap<Double, Double> out = new java.util.TreeMap<>();
            String prefix = "clearance_gateway_own_seconds_bucket{le=\"";
            for (String line : metrics.split("\n")) {
                if (line.startsWith(prefix)) {
                    int end = line.indexOf('"', prefix.length());
                    String le = line.substring(prefix.length(), end);
                    double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    out.put(bound, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
            return out;
        }

        /** {@code p50 / p99} in ms (each the upper bound of its histogram bucket). */
        String since() {
            java.util.TreeMap<Double, Double> after = buckets(gateway.metrics());
            if (after.isEmpty()) {
                return "-"; // a gateway without the histogram (before it existed)
            }
            double total = after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
            if (total <= 0) {
                return "-";
            }
            return String.format("%.3f / %.3f", at(after, total, 0.50) * 1e3, at(after, total, 0.99) * 1e3);
        }

        private double at(java.util.TreeMap<Double, Double> after, double total, double p) {
            for (java.util.Map.Entry<Double, Double> e : after.entrySet()) {
                double n = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
                if (n >= p * total) {
                    return e.getKey();
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Open loop: request {@code i} is due at {@code start + i / rate} and is sent then (or as soon as the sender
     * can, if it fell behind), asynchronously; its latency runs from when it was due to when its whole answer
     * arrived. A failed request counts as failed and with its time to failure.
     */
    static FixedRate fixedRate(HttpClient http, String url, Body body, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long period = 1_000_000_000L / rate;
        double[] ms = new double[n];
        Failures failed = new Failures();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < n; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int at = i;
            http.sendAsync(request(url, body.next()), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((resp, error) -> {
                        ms[at] = (System.nanoTime() - due) / 1e6;
                        if (error != null || resp.statusCode() != 200) {
                            failed.add(error == null ? resp.statusCode() : 0, error);
                        }
                        done.countDown();
                    });
        }
        if (!done.await(seconds + 120L, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still open after the run");
        }
        Arrays.sort(ms);
        return new FixedRate(ms, failed);
    }

    /** Request bodies: the history is the same every time, the last message is new each time. */
    static final class Body {
        private final String prefix;
        private final boolean stream;
        private final AtomicLong n = new AtomicLong();

        Body(int turns, boolean stream) {
            this.stream = stream;
            StringBuilder sb = new StringBuilder("{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[");
            sb.append("{\"role\":\"system\",\"content\":\"You are a helpful planning assistant.\"},");
            for (int i = 1; i < turns; i++) {
                sb.append("{\"role\":\"user\",\"content\":\"")
                        .append(text(i, 750))
                        .append("\"},");
                sb.append("{\"role\":\"assistant\",\"content\":\"")
                        .append(text(i + 1000, 750))
                        .append("\"},");
            }
            prefix = sb.toString();
        }

        String next() {
            return prefix + "{\"role\":\"user\",\"content\":\"" + text(n.incrementAndGet() + 100_000, 2000) + "\"}]}";
        }

        boolean stream() {
            return stream;
        }
    }

    /** About {@code chars} of plain prose, different for every seed. */
    static String text(long seed, int chars) {
        String[] words = {
            "the", "plan", "for", "next", "quarter", "covers", "hiring", "budget", "review", "timeline", "and",
            "the", "team", "will", "meet", "on", "Tuesday", "to", "discuss", "priorities", "with", "everyone"
        };
        StringBuilder sb = new StringBuilder("Note " + seed + ":");
        long x = seed * 6364136223846793005L + 1442695040888963407L;
        while (sb.length() < chars) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sb.append(' ').append(words[(int) ((x >>> 33) % words.length)]);
        }
        return sb.toString();
    }

    static double[] latencies(HttpClient http, String url, Body body, int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            HttpRequest r = request(url, body.next());
            long t0 = System.nanoTime();
            HttpResponse<byte[]> resp;
            try {
                resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException closed) {
                // a pooled connection the server closed while idle (after a run that timed out): once more, anew
                System.err.println("GatewayLoad: retried once after " + Failures.kind(closed));
                t0 = System.nanoTime();
                resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (resp.statusCode() != 200) {
                // says why (the status and the gateway's error code), never the request's content
                throw new IllegalStateException("status " + resp.statusCode() + " " + errorCode(resp.body()));
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    /** CPU time used so far by the gateway's threads (named {@code clearance-gateway*}), in nanoseconds. */
    static long gatewayCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("clearance-gateway")) {
                long c = mx.getThreadCpuTime(t.getThreadId());
                if (c > 0) {
                    sum += c;
                }
            }
        }
        return sum;
    }

    /** The {@code code} of an OpenAI-shaped error body, or empty. */
    static String errorCode(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        int at = s.indexOf("\"code\":\"");
        if (at < 0) {
            return "";
        }
        int from = at + 8;
        int end = s.indexOf('"', from);
        return end < 0 ? "" : s.substring(from, end);
    }

    static double throughput(HttpClient http, String url, Body body, int clients, int seconds, Failures failures)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<byte[]> resp =
                                http.send(request(url, body.next()), HttpResponse.BodyHandlers.ofByteArray());
                        if (resp.statusCode() == 200) {
                            done.incrementAndGet();
                        } else {
                            failures.add(resp.statusCode(), null);
                        }
                    } catch (java.io.IOException e) {
                        failures.add(0, e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return done.get() / (double) seconds;
    }

    static HttpRequest request(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-User", "bench")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static Server fakeUpstream() throws Exception {
        Server s = new Server();
        ServerConnector c = new ServerConnector(s);
        c.setHost("127.0.0.1");
        c.setPort(0);
        s.addConnector(c);
        s.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                // the body as bytes (not decoded: the fake upstream shares the cores with the gateway); Body puts
                // "stream" right after "model"
                ByteBuffer body = Content.Source.asByteBuffer(request);
                byte[] head = new byte[Math.min(40, body.remaining())];
                body.get(head);
                boolean stream = new String(head, StandardCharsets.US_ASCII).contains("\"stream\":true");
                response.setStatus(200);
                response.getHeaders().put("Content-Type", stream ? "text/event-stream" : "application/json");
                response.write(
                        true, ByteBuffer.wrap((stream ? STREAM : ANSWER).getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        s.start();
        return s;
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
