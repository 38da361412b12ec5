package dev.clearance.pack;

import dev.clearance.ReloadEvent;
import dev.clearance.ReloadingPolicyEngine;
import dev.clearance.internal.pack.PackVersions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an HTTPS (or HTTP) or {@code file:} URL for a new pack bundle ({@link PackBundle}) and swaps it into a
 * {@link ReloadingPolicyEngine}. Conditional requests ({@code If-None-Match} with the last {@code ETag},
 * {@code If-Modified-Since} with the last {@code Last-Modified}; for a file, its size and modification time) make
 * an unchanged bundle cost one round trip. A bundle is loaded through {@link RulePack#load(Path, PackTrust)} under
 * the poller's trust, so its signature is verified before the swap; a version of the serving pack's id older than
 * the one serving (or that cannot be ordered against it) is refused, whatever the trust: versions stay monotonic.
 * A bundle of the serving id and version counts as unchanged only when its manifest, files and signature are the
 * ones serving; re-signed (a new key, a new expiry) or re-built under the same version, it is verified and swapped in.
 * (Under a trust with keys the engine also refuses older versions of any id.) On any failure (network, status, size, signature,
 * compilation, older version) the last good pack keeps serving and the next poll waits twice as long, up to
 * {@link Builder#maxBackoff(Duration)}; a success or an unchanged bundle resets the wait.
 */
public final class PackPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PackPoller.class);

    /** Largest bundle downloaded: 64 MiB. */
    public static final long MAX_BUNDLE_BYTES = 64L << 20;

    /** What one poll did. */
    public enum Status {
        /** A new bundle was verified and now serves. */
        UPDATED,
        /** The source has not changed since the last poll (304, or the same file). */
        NOT_MODIFIED,
        /** The source could not be read (network, status, size); the last good pack serves. */
        FAILED,
        /** A bundle was read but refused (signature, compilation, older version); the last good pack serves. */
        REJECTED
    }

    /**
     * One poll's outcome.
     *
     * @param status      what happened
     * @param packVersion the version serving after the poll
     * @param detail      why, for FAILED and REJECTED (never content); empty otherwise
     * @param nextDelay   how long until the next scheduled poll
     */
    public record Result(Status status, String packVersion, String detail, Duration nextDelay) {}

    private final URI source;
    private final ReloadingPolicyEngine engine;
    private final PackTrust trust;
    private final Duration interval;
    private final Duration maxBackoff;
    private final HttpClient http;
    private final Duration timeout;
    private final Object lock = new Object();
    private String etag;
    private String lastModified;
    private String fileStamp;
    private int failures;
    private volatile ScheduledExecutorService scheduler;

    private PackPoller(Builder b) {
        this.source = b.source;
        this.engine = b.engine;
        this.trust = b.trust;
        this.interval = b.interval;
        this.maxBackoff = b.maxBackoff;
        this.http = "file".equals(scheme(source))
                ? null
                : HttpClient.newBuilder()
                        .connectTimeout(b.timeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        this.timeout = b.timeout;
    }

    /**
     * A poller of {@code source} ({@code https:}, {@code http:} or {@code file:}) feeding {@code engine}.
     *
     * @throws IllegalArgumentException for another scheme
     */
    public static Builder builder(URI source, ReloadingPolicyEngine engine) {
        return new Builder(source, engine);
    }

    private static String scheme(URI u) {
        return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }

    /** Polls once, now, on the caller's thread. Never throws for anything the source or the bundle can cause. */
    public Result pollOnce() {
        synchronized (lock) {
            Result r;
            try {
                r = "file".equals(scheme(source)) ? pollFile() : pollHttp();
            } catch (IOException | RuntimeException e) {
                r = failed(
                        Status.FAILED, "cannot read the bundle: " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r = failed(Status.FAILED, "interrupted");
            }
            if (r.status() == Status.FAILED || r.status() == Status.REJECTED) {
                LOG.warn("pack bundle poll {}: {}; {} keeps serving", r.status(), r.detail(), engine.packVersion());
            } else if (r.status() == Status.UPDATED) {
                LOG.info("pack bundle {} now serves", r.packVersion());
            }
            return r;
        }
    }

    private Result pollFile() throws IOException {
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            return failed(Status.FAILED, "no such bundle file");
        }
        long size = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        String stamp = size + "@" + modified.toMillis();
        if (stamp.equals(fileStamp)) {
            return ok(Status.NOT_MODIFIED);
        }
        if (size > MAX_BUNDLE_BYTES) {
            return failed(Status.FAILED, "bundle larger than " + MAX_BUNDLE_BYTES + " bytes");
        }
        Result r = install(Files.readAllBytes(file));
        if (r.status() == Status.UPDATED || r.status() == Status.NOT_MODIFIED) {
            fileStamp = stamp;
        }
        return r;
    }

    private Result pollHttp() throws IOException, InterruptedException {
        HttpRequest.Builder req =
                HttpRequest.newBuilder(source).timeout(timeout).GET();
        if (etag != null) {
            req.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            req.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = resp.body()) {
            if (resp.statusCode() == 304) {
                return ok(Status.NOT_MODIFIED);
            }
            if (resp.statusCode() != 200) {
                return failed(Status.FAILED, "HTTP status " + resp.statusCode());
            }
            byte[] bytes = body.readNBytes((int) MAX_BUNDLE_BYTES + 1);
            if (bytes.length > MAX_BUNDLE_BYTES) {
                return failed(Status.FAILED, "bundle larger than " + MAX_BUNDLE_BYTES + " bytes");
            }
            Result r = install(bytes);
            if (r.status() == Status.UPDATED || r.status() == Status.NOT_MODIFIED) {
                etag = resp.headers().firstValue("ETag").orElse(null);
                lastModified = resp.headers().firstValue("Last-Modified").orElse(null);
            }
            return r;
        }
    }

    /** Loads the bundle under the trust and swaps it in, unless older than the pack serving. */
    private Result install(byte[] bundle) throws IOException {
        Path tmp = Files.createTempFile("clearance-bundle", ".zip");
        try {
            Files.write(tmp, bundle);
            RulePack pack;
            try {
                pack = RulePack.load(tmp, trust);
            } catch (dev.clearance.RulePackCompilationException e) {
                return failed(
                        Status.REJECTED,
                        e.diagnostics().isEmpty()
                                ? "the bundle does not load"
                                : e.diagnostics().get(0).message());
            }
            Optional<Integer> order = PackVersions.compare(pack.version(), engine.packVersion());
            if (pack.id().equals(engine.packId())
                    && order.isPresent()
                    && order.get() == 0
                    && pack.fingerprint().equals(engine.current().rulePack().fingerprint())) {
                // the very bundle serving (same manifest, files and signature): nothing to swap
                return ok(Status.NOT_MODIFIED);
            }
            if (pack.id().equals(engine.packId()) && (order.isEmpty() || order.get() < 0)) {
                return failed(
                        Status.REJECTED,
                        "version " + pack.version() + " is not newer than " + engine.packVersion() + " (serving)");
            }
            ReloadEvent event = engine.reload(pack);
            if (!event.succeeded()) {
                return failed(
                        Status.REJECTED,
                        event.diagnostics().isEmpty()
                                ? "the new pack was rejected"
                                : event.diagnostics().get(0).message());
            }
            return ok(Status.UPDATED);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Result ok(Status s) {
        failures = 0;
        return new Result(s, engine.packVersion(), "", interval);
    }

    private Result failed(Status s, String detail) {
        failures = Math.min(failures + 1, 30);
        return new Result(s, engine.packVersion(), detail, delay(failures));
    }

    /** The wait after {@code failures} failures in a row: the interval doubled each time, at most the cap. */
    Duration delay(int failuresInARow) {
        Duration d = interval;
        for (int i = 0; i < failuresInARow && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /** Polls now and then after each result's {@link Result#nextDelay()}, on a daemon thread, until closed. */
    public PackPoller start() {
        synchronized (lock) {
            if (scheduler != null) {
                throw new IllegalStateException("already started");
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "clearance-pack-poller");
                t.setDaemon(true);
                return t;
            });
            scheduler.execute(this::tick);
        }
        return this;
    }

    private void tick() {
        Result r = pollOnce();
        ScheduledExecutorService s = scheduler;
        if (s != null && !s.isShutdown()) {
            s.schedule(this::tick, r.nextDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdownNow();
        }
    }

    /** Configures a {@link PackPoller}. */
    public static final class Builder {
        private final URI source;
        private final ReloadingPolicyEngine engine;
        private PackTrust trust = PackTrust.none();
        private Duration interval = Duration.ofSeconds(30);
        private Duration maxBackoff = Duration.ofMinutes(10);
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(URI source, ReloadingPolicyEngine engine) {
            this.source = Objects.requireNonNull(source, "source");
            this.engine = Objects.requireNonNull(engine, "engine");
            String s = scheme(source);
            if (!s.equals("https") && !s.equals("http") && !s.equals("file")) {
                throw new IllegalArgumentException("a pack bundle URL must be https:, http: or file:");
            }
        }

        /** The keys a bundle must be signed by (default none: signatures are not required). */
        public Builder trust(PackTrust trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** Time between polls while all is well (default 30 s). */
        public Builder interval(Duration interval) {
            this.interval = positive(interval, "interval");
            return this;
        }

        /** Longest wait between polls after failures (default 10 min). */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive(maxBackoff, "maxBackoff");
            return this;
        }

        /** Connect and request timeout of each HTTP poll (default 30 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }

        public PackPoller build() {
            if (maxBackoff.compareTo(interval) < 0) {
                maxBackoff = interval;
            }
            return new PackPoller(this);
        }
    }
}
