package dev.clearance.bench;

import dev.clearance.gateway.ClearanceGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback load driver (not JMH, not a test): the gateway's added latency and its throughput over a fake
 * upstream that answers at once, for a 2 KB prompt and for turn 40 of a conversation (about 60 KB of history, all
 * but the last message already seen), streaming and not. Each request carries a new last message, so the
 * engine's own decision cache does not answer it.
 *
 * <p>The gateway runs in a JVM of its own ({@link GatewayProcess}; {@code --gateway-jvm} gives its flags,
 * {@code --in-process} runs it in the driver's JVM instead), the driver and the fake upstream in this one, both as
 * cheap as they can be ({@link RawHttp}: pre-built request bytes on keep-alive sockets, an upstream answering
 * pre-built bytes). {@code --gateway-cpus 1 --driver-cpus 0} pins them to different cores with {@code taskset}.
 *
 * <p>Two measurements per scenario, each with the direct and the gateway path <b>interleaved in the same run</b>
 * (so both see the same machine). <b>Fixed rate</b> (open loop, the one the targets are stated for): each path
 * gets {@code --rate} requests per second on a fixed schedule (the gateway's half a period after the direct
 * one's), spread over {@code --connections} keep-alive connections per path, whatever the answers do; each
 * latency runs from the request's <i>scheduled</i> send time, so a stall delays every request scheduled during it
 * and shows in the percentiles (no coordinated omission). <b>Closed loop</b>: one request at a time, direct and
 * through the gateway alternately, for the latency columns; {@code --clients} back-to-back clients through the
 * gateway for the maximum requests per second.
 *
 * <p>Added p99 is the p99 of the gateway path's latencies minus the p99 of the direct path's, from the same run.
 * Besides it each row has the gateway's own time per request (reading, deciding, editing and restoring, without
 * the upstream wait and the network) from its {@code clearance_gateway_own_seconds} histogram (bucket upper
 * bounds, within a third of the value), the CPU time of the gateway's threads per request ({@code
 * clearance-gateway*}: connector, workers, upstream client) and of its whole process (with GC, JIT and the engine;
 * own process only), and the load average when the row was measured. Failed requests are counted by why.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.clearance.bench.GatewayLoad [--rate R]
 * [--fixed-seconds F] [--requests N] [--seconds S] [--clients C] [--connections K] [--warmup W]
 * [--first-warmup W0] [--jit-quiet-ms J] [--only fixed|closed] [--scenarios 2kb,turn40,2kb-stream,turn40-stream] [--in-process]
 * [--gateway-jvm "FLAGS"] [--gateway-cpus LIST] [--driver-cpus LIST] [--threads T]}
 */
public final class GatewayLoad {
    static final String ANSWER = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Fine, thanks for"
            + " asking about it.\"},\"finish_reason\":\"stop\"}]}";
    static final String STREAM;
    static final String DIRECT_PATH = "/v1/chat/completions";
    static final String VIA_PATH = "/openai/v1/chat/completions";
    /** Characters of the new last message of every request. */
    static final int LAST_MESSAGE = 2000;

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

    /** Every request's last message has a seed of its own, over the whole run. */
    static final AtomicLong SEED = new AtomicLong(100_000);

    private GatewayLoad() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(arg(args, "--threads", "32"));
        boolean inProcess = Arrays.asList(args).contains("--in-process");
        // the collector `./clearance gateway` runs on (see the launcher)
        String gatewayJvm = arg(args, "--gateway-jvm", "-XX:+UseZGC");
        String gatewayCpus = arg(args, "--gateway-cpus", "");
        String driverCpus = arg(args, "--driver-cpus", "");
        boolean byThread = Arrays.asList(args).contains("--cpu-by-thread");
        if (!driverCpus.isEmpty()) {
            run(
                    "taskset",
                    "-a",
                    "-p",
                    "-c",
                    driverCpus,
                    Long.toString(ProcessHandle.current().pid()));
        }
        try (RawHttp.FakeUpstream upstream = new RawHttp.FakeUpstream(ANSWER, STREAM);
                Target gateway = inProcess
                        ? new InProcess(upstream.port(), threads)
                        : new Child(upstream.port(), threads, gatewayJvm, gatewayCpus)) {
            System.out.println("Gateway: " + gateway.describe()
                    + (driverCpus.isEmpty() ? "" : "; driver and fake" + " upstream pinned to CPUs " + driverCpus)
                    + "; " + Runtime.getRuntime().availableProcessors()
                    + " CPUs seen by the driver");
            Paths paths = new Paths(upstream.port(), gateway.port());
            measure(args, gateway, paths, byThread);
        }
    }

    static void measure(String[] args, Target gateway, Paths paths, boolean byThread) throws Exception {
        int requests = Integer.parseInt(arg(args, "--requests", "2000"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "10"));
        int clients = Integer.parseInt(arg(args, "--clients", "8"));
        int rate = Integer.parseInt(arg(args, "--rate", "500"));
        int fixedSeconds = Integer.parseInt(arg(args, "--fixed-seconds", "10"));
        int connections = Integer.parseInt(arg(args, "--connections", "8"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "2000"));
        String only = arg(args, "--only", "");
        List<String> scenarios = List.of(
                arg(args, "--scenarios", "2kb,turn40,2kb-stream,turn40-stream").split(","));
        int firstWarmup = Integer.parseInt(arg(args, "--first-warmup", "5000"));
        // the JIT compiles for a long time (C2 used more CPU than the gateway's threads in a first 10 s row after
        // 3000 requests): every scenario runs once before anything is measured
        for (String s : scenarios) {
            closedLoop(paths, Body.of(s), firstWarmup);
        }
        // then until the JIT has settled: a server's steady state is what the targets are about (a gateway that has
        // just started compiles for its first minutes, and its tail is longer then)
        int jitQuiet = Integer.parseInt(arg(args, "--jit-quiet-ms", "100"));
        if (jitQuiet > 0 && gateway instanceof Child) {
            long started = System.nanoTime();
            int rounds = 0;
            long last;
            do {
                long before = jit(gateway.cpuByThread());
                for (String s : scenarios) {
                    // each row reads /metrics, /proc and the allocation counter at its start and end: those paths
                    // are compiled here too (before, the first row's own reading made C2 recompile Jetty's parser)
                    new Own(gateway.metrics());
                    gateway.cpu();
                    gateway.gc();
                    // both kinds of load: the fixed rate's concurrent requests take paths the closed loop does not
                    closedLoop(paths, Body.of(s), 500);
                    fixedRate(paths, Body.of(s), rate, 2, connections);
                }
                last = jit(gateway.cpuByThread()) - before;
                rounds++;
            } while (last / 1_000_000 >= jitQuiet && System.nanoTime() - started < 240_000_000_000L);
            System.out.printf(
                    "Warm-up: %d requests per scenario, then %d round(s) (per scenario 500 closed loop and 2 s at the"
                            + " fixed rate) until the gateway's JIT compiler threads used under %d ms CPU in a round"
                            + " (last round: %d ms; %.0f s)%n",
                    firstWarmup, rounds, jitQuiet, last / 1_000_000, (System.nanoTime() - started) / 1e9);
        }
        {
            if (!only.equals("closed")) {
                System.out.println();
                System.out.println("Fixed rate " + rate + " req/s per path for " + fixedSeconds + " s, direct and"
                        + " gateway interleaved, " + connections + " connections per path, latency from the scheduled"
                        + " send time (open loop)");
                System.out.println("| scenario | load avg | direct p50 / p99 ms | via gateway p50 / p99 ms"
                        + " | added p50 ms | added p99 ms | gateway own p50 / p99 ms | gateway threads CPU ms/request"
                        + " | gateway process CPU ms/request | gateway allocated KB/request"
                        + " | gateway GC pauses in the row (n, ms) | gateway JIT CPU ms in the row"
                        + " | failed direct / gateway (why) |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                for (String s : scenarios) {
                    Body body = Body.of(s);
                    closedLoop(paths, body, warmup); // warm-up, discarded
                    String load = loadAverage();
                    Own own = new Own(gateway.metrics());
                    Cpu cpu = gateway.cpu();
                    Map<String, Long> threadsBefore = gateway.cpuByThread();
                    long[] gcBefore = gateway.gc();
                    Pair r = fixedRate(paths, body, rate, fixedSeconds, connections);
                    String ownTimes = own.since(gateway.metrics());
                    String cpuMs = cpu.perRequest(gateway.cpu(), r.via.length);
                    Map<String, Long> threadsAfter = gateway.cpuByThread();
                    long[] gcAfter = gateway.gc();
                    System.out.printf(
                            "| %s | %s | %s | %s | %.3f | %.3f | %s | %s | %d, %d | %s | %s / %s |%n",
                            body.name,
                            load,
                            p50p99(r.direct),
                            p50p99(r.via),
                            pct(r.via, 50) - pct(r.direct, 50),
                            pct(r.via, 99) - pct(r.direct, 99),
                            ownTimes,
                            cpuMs,
                            gcAfter[0] - gcBefore[0],
                            gcAfter[1] - gcBefore[1],
                            jitMs(threadsBefore, threadsAfter),
                            r.directFailures.describe(),
                            r.viaFailures.describe());
                    if (byThread) {
                        printCpuByThread(threadsBefore, threadsAfter);
                    }
                }
            }
            if (only.equals("fixed")) {
                return;
            }
            System.out.println();
            System.out.println("Closed loop: latency one request at a time, direct and gateway alternately; max req/s"
                    + " through the gateway with " + clients + " clients");
            System.out.println("| scenario | load avg | direct p50 / p99 ms | via gateway p50 / p99 ms | added p50 ms"
                    + " | added p99 ms | gateway own p50 / p99 ms | gateway threads CPU ms/request"
                    + " | gateway process CPU ms/request | gateway allocated KB/request"
                    + " | gateway GC pauses in the row (n, ms) | gateway JIT CPU ms in the row | gateway max req/s ("
                    + clients + " clients) | failed (why) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (String s : scenarios) {
                Body body = Body.of(s);
                closedLoop(paths, body, warmup); // warm-up, discarded
                String load = loadAverage();
                Own own = new Own(gateway.metrics());
                Cpu cpu = gateway.cpu();
                Map<String, Long> threadsBefore = gateway.cpuByThread();
                long[] gcBefore = gateway.gc();
                Pair r = closedLoop(paths, body, requests);
                String ownTimes = own.since(gateway.metrics());
                String cpuMs = cpu.perRequest(gateway.cpu(), requests);
                Map<String, Long> threadsAfter = gateway.cpuByThread();
                long[] gcAfter = gateway.gc();
                Failures failures = new Failures();
                double rps = throughput(paths, body, clients, seconds, failures);
                System.out.printf(
                        "| %s | %s | %s | %s | %.3f | %.3f | %s | %s | %d, %d | %s | %.0f | %s |%n",
                        body.name,
                        load,
                        p50p99(r.direct),
                        p50p99(r.via),
                        pct(r.via, 50) - pct(r.direct, 50),
                        pct(r.via, 99) - pct(r.direct, 99),
                        ownTimes,
                        cpuMs,
                        gcAfter[0] - gcBefore[0],
                        gcAfter[1] - gcBefore[1],
                        jitMs(threadsBefore, threadsAfter),
                        rps,
                        failures.describe());
            }
        }
    }

    /** The request heads of both paths (constant: every body of a scenario has the same length). */
    record Paths(int directPort, int viaPort) {}

    /** Sorted latencies in ms of the two paths and their failures. */
    record Pair(double[] direct, double[] via, Failures directFailures, Failures viaFailures) {}

    /** A request body: the history's bytes (the same every time) and a new last message per request. */
    static final class Body {
        final String name;
        final byte[] prefix;
        final int length;

        private Body(String name, int turns, boolean stream) {
            this.name = name;
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
            prefix = sb.toString().getBytes(StandardCharsets.US_ASCII);
            length = prefix.length + last(0).length;
        }

        static Body of(String scenario) {
            return switch (scenario) {
                case "2kb" -> new Body("2 KB prompt", 1, false);
                case "turn40" -> new Body("turn 40 (~60 KB history)", 40, false);
                case "2kb-stream" -> new Body("2 KB prompt, streaming", 1, true);
                case "turn40-stream" -> new Body("turn 40 (~60 KB history), streaming", 40, true);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            };
        }

        /** The last message and the end of the body, for {@code seed}: always the same length. */
        static byte[] last(long seed) {
            return ("{\"role\":\"user\",\"content\":\"" + text(seed, LAST_MESSAGE) + "\"}]}")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        byte[][] lasts(int n) {
            byte[][] out = new byte[n][];
            for (int i = 0; i < n; i++) {
                out[i] = last(SEED.incrementAndGet());
            }
            return out;
        }
    }

    /** Exactly {@code chars} of plain prose, different for every seed. */
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
        sb.setLength(chars);
        if (sb.charAt(chars - 1) == ' ') {
            sb.setCharAt(chars - 1, '.');
        }
        return sb.toString();
    }

    /**
     * Open loop, both paths in the same run: request {@code i} of a path is due at {@code start + i / rate} (the
     * gateway path's half a period later) and is sent then on connection {@code i % connections} of its path, or
     * as soon as that connection's previous request answered; its latency runs from when it was due to when its
     * whole answer arrived. A failed request counts as failed and with its time to failure.
     */
    static Pair fixedRate(Paths paths, Body body, int rate, int seconds, int connections) throws Exception {
        int n = rate * seconds;
        long period = 1_000_000_000L / rate;
        byte[][] lastDirect = body.lasts(n);
        byte[][] lastVia = body.lasts(n);
        double[] direct = new double[n];
        double[] via = new double[n];
        Failures directFailed = new Failures();
        Failures viaFailed = new Failures();
        long start = System.nanoTime() + 100_000_000L;
        List<Thread> senders = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            boolean gw = p == 1;
            int port = gw ? paths.viaPort() : paths.directPort();
            byte[] head = RawHttp.postHead(gw ? VIA_PATH : DIRECT_PATH, port, body.length);
            byte[][] lasts = gw ? lastVia : lastDirect;
            double[] ms = gw ? via : direct;
            Failures failed = gw ? viaFailed : directFailed;
            long offset = gw ? period / 2 : 0;
            for (int k = 0; k < connections; k++) {
                int first = k;
                Thread t = new Thread(
                        () -> {
                            try (RawHttp.Connection c = new RawHttp.Connection("127.0.0.1", port)) {
                                for (int i = first; i < n; i += connections) {
                                    long due = start + offset + i * period;
                                    long wait;
                                    while ((wait = due - System.nanoTime()) > 0) {
                                        LockSupport.parkNanos(wait);
                                    }
                                    try {
                                        int status = c.exchange(head, body.prefix, lasts[i]);
                                        if (status != 200) {
                                            failed.add("status " + status);
                                        }
                                    } catch (IOException e) {
                                        failed.add(Failures.kind(e));
                                        c.reset();
                                    }
                                    ms[i] = (System.nanoTime() - due) / 1e6;
                                }
                            }
                        },
                        "driver-" + (gw ? "via-" : "direct-") + k);
                t.setDaemon(true);
                senders.add(t);
                t.start();
            }
        }
        for (Thread t : senders) {
            t.join();
        }
        Arrays.sort(direct);
        Arrays.sort(via);
        return new Pair(direct, via, directFailed, viaFailed);
    }

    /** One request at a time, direct and through the gateway alternately; throws on a failed request. */
    static Pair closedLoop(Paths paths, Body body, int n) throws Exception {
        byte[][] lasts = body.lasts(2 * n);
        double[] direct = new double[n];
        double[] via = new double[n];
        byte[] directHead = RawHttp.postHead(DIRECT_PATH, paths.directPort(), body.length);
        byte[] viaHead = RawHttp.postHead(VIA_PATH, paths.viaPort(), body.length);
        try (RawHttp.Connection d = new RawHttp.Connection("127.0.0.1", paths.directPort());
                RawHttp.Connection g = new RawHttp.Connection("127.0.0.1", paths.viaPort())) {
            for (int i = 0; i < n; i++) {
                direct[i] = timed(d, directHead, body.prefix, lasts[2 * i]);
                via[i] = timed(g, viaHead, body.prefix, lasts[2 * i + 1]);
            }
        }
        Arrays.sort(direct);
        Arrays.sort(via);
        return new Pair(direct, via, new Failures(), new Failures());
    }

    private static double timed(RawHttp.Connection c, byte[] head, byte[] prefix, byte[] last) throws IOException {
        long t0 = System.nanoTime();
        int status = c.exchange(head, prefix, last);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (status != 200) {
            // says why (the status), never the request's content
            throw new IllegalStateException("status " + status);
        }
        return ms;
    }

    /** {@code clients} connections through the gateway, back to back, for {@code seconds}: answers per second. */
    static double throughput(Paths paths, Body body, int clients, int seconds, Failures failures) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        byte[] head = RawHttp.postHead(VIA_PATH, paths.viaPort(), body.length);
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(
                    () -> {
                        try (RawHttp.Connection conn = new RawHttp.Connection("127.0.0.1", paths.viaPort())) {
                            while (System.nanoTime() < end) {
                                byte[] last = Body.last(SEED.incrementAndGet());
                                try {
                                    int status = conn.exchange(head, body.prefix, last);
                                    if (status == 200) {
                                        done.incrementAndGet();
                                    } else {
                                        failures.add("status " + status);
                                    }
                                } catch (IOException e) {
                                    failures.add(Failures.kind(e));
                                    conn.reset();
                                }
                            }
                        }
                    },
                    "driver-client-" + c);
            t.setDaemon(true);
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        return done.get() / (double) seconds;
    }

    /** Failed requests by kind: {@code status 503}, {@code timeout}, {@code connection (…)}. */
    static final class Failures {
        private final ConcurrentSkipListMap<String, AtomicLong> kinds = new ConcurrentSkipListMap<>();

        void add(String kind) {
            kinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }

        static String kind(Throwable t) {
            if (t instanceof java.net.SocketTimeoutException) {
                return "timeout";
            }
            return "connection (" + t.getClass().getSimpleName() + ")";
        }

        /** {@code 0}, or {@code 452 (status 503: 400, timeout: 52)}. */
        String describe() {
            if (kinds.isEmpty()) {
                return "0";
            }
            long total = kinds.values().stream().mapToLong(AtomicLong::get).sum();
            StringBuilder sb = new StringBuilder().append(total).append(" (");
            kinds.forEach((k, n) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ")
                    .append(k)
                    .append(": ")
                    .append(n.get()));
            return sb.append(')').toString();
        }
    }

    /** The gateway measured: in a process of its own or in this one. */
    interface Target extends AutoCloseable {
        int port();

        String metrics() throws Exception;

        Cpu cpu() throws IOException;

        String describe();

        /** Bytes the gateway allocated so far (its JVM's live threads; in process: its own threads). */
        long allocated() throws IOException;

        /** CPU nanoseconds by thread name (digits removed: a pool's threads together). */
        Map<String, Long> cpuByThread() throws IOException;

        /** The gateway JVM's collections so far and their summed pause time in ms. */
        long[] gc() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** CPU nanoseconds of the gateway's threads and of its whole process (-1: not measured). */
    record Cpu(long threads, long process, long allocated) {
        /** {@code threads ms | process ms | allocated KB}, per request. */
        String perRequest(Cpu after, int requests) {
            String t = String.format("%.3f", (after.threads - threads) / 1e6 / requests);
            String p = process < 0 ? "-" : String.format("%.3f", (after.process - process) / 1e6 / requests);
            String a = String.format("%.0f", (after.allocated - allocated) / 1024.0 / requests);
            return t + " | " + p + " | " + a;
        }
    }

    /** The gateway in a JVM of its own ({@link GatewayProcess}), optionally pinned with {@code taskset}. */
    static final class Child implements Target {
        private final Process process;
        private final int port;
        private final String flags;
        private final String cpus;
        private final HttpClient http = HttpClient.newHttpClient();
        private final long ticksPerSecond;
        private BufferedReader out;

        Child(int upstreamPort, int threads, String flags, String cpus) throws Exception {
            this.flags = flags;
            this.cpus = cpus;
            List<String> cmd = new ArrayList<>();
            if (!cpus.isEmpty()) {
                cmd.addAll(List.of("taskset", "-c", cpus));
            }
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            for (String f : flags.trim().split("\\s+")) {
                if (!f.isEmpty()) {
                    cmd.add(f);
                }
            }
            cmd.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    GatewayProcess.class.getName(),
                    Integer.toString(upstreamPort),
                    Integer.toString(threads)));
            process = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int p = -1;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("port ")) {
                    p = Integer.parseInt(line.substring(5).trim());
                    break;
                }
            }
            if (p < 0) {
                throw new IllegalStateException("the gateway process did not start");
            }
            port = p;
            this.out = out;
            String tck = run("getconf", "CLK_TCK").trim();
            ticksPerSecond = tck.isEmpty() ? 100 : Long.parseLong(tck);
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String metrics() throws Exception {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }

        /** From {@code /proc}: the threads named {@code clearance-gatew…} (names are cut at 15 chars) and all. */
        @Override
        public Cpu cpu() throws IOException {
            Path proc = Path.of("/proc", Long.toString(process.pid()));
            long threads = 0;
            try (var tasks = Files.list(proc.resolve("task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        if (Files.readString(task.resolve("comm")).startsWith("clearance-gatew")) {
                            threads += ticks(Files.readString(task.resolve("stat")));
                        }
                    } catch (IOException gone) {
                        // a thread that ended
                    }
                }
            }
            long all = ticks(Files.readString(proc.resolve("stat")));
            long ns = 1_000_000_000L / ticksPerSecond;
            return new Cpu(threads * ns, all * ns, allocated());
        }

        @Override
        public synchronized long allocated() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("alloc\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("alloc ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
            throw new IOException("the gateway process ended");
        }

        @Override
        public synchronized long[] gc() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("gc\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("gc ")) {
                    String[] f = line.substring(3).trim().split(" ");
                    return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
                }
            }
            throw new IOException("the gateway process ended");
        }

        @Override
        public Map<String, Long> cpuByThread() throws IOException {
            Map<String, Long> out = new TreeMap<>();
            long ns = 1_000_000_000L / ticksPerSecond;
            try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String name =
                                Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                        out.merge(name, ticks(Files.readString(task.resolve("stat"))) * ns, Long::sum);
                    } catch (IOException gone) {
                        // a thread that ended
                    }
                }
            }
            return out;
        }

        /** utime + stime of a {@code /proc/…/stat} line (fields 14 and 15, counted after the command's ')'). */
        static long ticks(String stat) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        @Override
        public String describe() {
            return "own JVM (pid " + process.pid() + ", flags: " + (flags.isBlank() ? "none" : flags) + ")"
                    + (cpus.isEmpty() ? "" : ", pinned to CPUs " + cpus);
        }

        @Override
        public void close() throws IOException {
            OutputStream in = process.getOutputStream();
            in.close();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The gateway in the driver's JVM (as before: their garbage collections and threads share it). */
    static final class InProcess implements Target {
        private final ClearanceGateway gateway;

        InProcess(int upstreamPort, int threads) {
            gateway = GatewayProcess.start(upstreamPort, threads);
        }

        @Override
        public int port() {
            return gateway.port();
        }

        @Override
        public String metrics() {
            return gateway.metrics();
        }

        @Override
        public Cpu cpu() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t != null && t.getThreadName().startsWith("clearance-gateway")) {
                    long c = mx.getThreadCpuTime(t.getThreadId());
                    if (c > 0) {
                        sum += c;
                    }
                }
            }
            return new Cpu(sum, -1, allocated());
        }

        @Override
        public String describe() {
            return "in the driver's JVM";
        }

        @Override
        public long allocated() {
            return GatewayProcess.allocatedBytes(true);
        }

        @Override
        public long[] gc() {
            String[] f = GatewayProcess.gcPauses().split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        }

        @Override
        public Map<String, Long> cpuByThread() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<String, Long> out = new TreeMap<>();
            for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                long c = t == null ? -1 : mx.getThreadCpuTime(t.getThreadId());
                if (c > 0) {
                    out.merge(t.getThreadName().replaceAll("[0-9]+", "#"), c, Long::sum);
                }
            }
            return out;
        }

        @Override
        public void close() {
            gateway.close();
        }
    }

    /**
     * The gateway's own time per request over a stretch of the run: the difference of its
     * {@code clearance_gateway_own_seconds} histogram between construction and {@link #since}.
     */
    static final class Own {
        private final TreeMap<Double, Double> before;

        Own(String metrics) {
            this.before = buckets(metrics);
        }

        static TreeMap<Double, Double> buckets(String metrics) {
            TreeMap<Double, Double> out = new TreeMap<>();
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
        String since(String metrics) {
            TreeMap<Double, Double> after = buckets(metrics);
            if (after.isEmpty()) {
                return "-";
            }
            double total = after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
            if (total <= 0) {
                return "-";
            }
            return String.format("%.3f / %.3f", at(after, total, 0.50) * 1e3, at(after, total, 0.99) * 1e3);
        }

        private double at(TreeMap<Double, Double> after, double total, double p) {
            for (Map.Entry<Double, Double> e : after.entrySet()) {
                double n = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
                if (n >= p * total) {
                    return e.getKey();
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    /** The gateway's CPU over the run by thread name, most first (a thread that ended is not counted). */
    static void printCpuByThread(Map<String, Long> before, Map<String, Long> after) {
        System.out.println("  gateway CPU by thread over the row above (ms):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("    %-32s %8.0f%n", e.getKey(), e.getValue() / 1e6));
    }

    /** CPU nanoseconds of the JIT compiler threads ({@code C1/C2 CompilerThread…}), from {@link Target#cpuByThread}. */
    static long jit(Map<String, Long> byThread) {
        long sum = 0;
        for (Map.Entry<String, Long> e : byThread.entrySet()) {
            if (e.getKey().contains("CompilerThre")) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** The JIT's CPU ms between two readings, or "-" when they cannot be read (in process). */
    static String jitMs(Map<String, Long> before, Map<String, Long> after) {
        boolean seen = after.keySet().stream().anyMatch(k -> k.contains("CompilerThre"));
        return seen ? Long.toString((jit(after) - jit(before)) / 1_000_000) : "-";
    }

    static String p50p99(double[] sorted) {
        return String.format("%.3f / %.3f", pct(sorted, 50), pct(sorted, 99));
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** The 1-minute load average. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Runs a command, returns its output (empty if it failed). */
    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
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
