package dev.clearance.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded closed-loop load generator for {@code POST /v1/decisions}: {@code clients} threads, each with its own
 * keep-alive connection, send {@code requests} requests in total, cycling through a few realistic bodies (clean,
 * with a secret, with personal data, denied). JDK only, so {@code bench/load} runs it as a single source file:
 * {@code java LoadGenerator.java http://127.0.0.1:8080/ 200000 16}.
 */
public final class LoadGenerator {
    static final List<String> BODIES = List.of(
            "{\"id\": \"l1\", \"destination\": {\"product\": \"openai:api\", \"zeroDataRetention\": true},"
                    + " \"data\": {\"classification\": \"INTERNAL\", \"content\": \"Summarize the sprint notes: the"
                    + " migration slipped two weeks.\"}}",
            "{\"id\": \"l2\", \"destination\": {\"product\": \"anthropic:claude-enterprise\"}, \"data\":"
                    + " {\"classification\": \"CONFIDENTIAL\", \"content\": \"Why does this fail? aws_access_key_id ="
                    + " AKIAZ7QW3RT5YH2KLXMN region eu-west-1\"}}",
            "{\"id\": \"l3\", \"destination\": {\"product\": \"google:gemini-app\"}, \"data\": {\"classification\":"
                    + " \"PUBLIC\", \"content\": \"Draft a reply to rosa.valdez@northwindtraders.com, +44 20 7946 0958,"
                    + " about her refund.\"}}",
            "{\"id\": \"l4\", \"destination\": {\"product\": \"openai:chatgpt-free\"}, \"data\": {\"classification\":"
                    + " \"RESTRICTED\", \"content\": \"Board minutes on the acquisition.\"}}");

    /** What one run measured. */
    public record Result(int requests, int errors, long elapsedNanos, long[] latenciesNanos) {
        public double throughput() {
            return requests / (elapsedNanos / 1e9);
        }

        public double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "%d requests, %d errors, %.1f s, %.0f req/s, p50 %.2f ms, p99 %.2f ms," + " max %.2f ms",
                    requests,
                    errors,
                    elapsedNanos / 1e9,
                    throughput(),
                    percentileMillis(50),
                    percentileMillis(99),
                    percentileMillis(100));
        }
    }

    private LoadGenerator() {}

    /** Sends {@code requests} requests from {@code clients} concurrent clients; an error is anything but a 200. */
    public static Result run(URI base, int requests, int clients) throws Exception {
        URI target = base.resolve("/v1/decisions");
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        LongAdder errors = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<HttpRequest> prepared = new ArrayList<>();
        for (String body : BODIES) {
            prepared.add(HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        }
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    // one client per thread: its own connection pool, i.e. one keep-alive connection
                    HttpClient http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10))
                            .build();
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r =
                                    http.send(prepared.get(i % prepared.size()), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 || !r.body().contains("\"effect\"")) {
                                errors.increment();
                            }
                        } catch (java.io.IOException e) {
                            errors.increment();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return null;
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(requests, errors.intValue(), System.nanoTime() - started, latencies);
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080/");
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        run(base, Math.min(requests / 10, 5_000), clients); // warm-up
        Result r = run(base, requests, clients);
        System.out.println("load: " + clients + " clients, " + r.summary());
        System.exit(r.errors() == 0 ? 0 : 1);
    }
}
