package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.clearance.pack.PackBundle;
import dev.clearance.pack.PackPoller;
import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detached JWS signatures, bundles, and the polling source against a loopback JDK HTTP server started here: 304
 * handling, ETag, a tampered bundle refused, backoff, last good pack kept, monotonic versions.
 */
class PackBundleTest {
    private static final KeyPair KEYS = PackTrust.generateKeyPair();
    private static final KeyPair OTHER = PackTrust.generateKeyPair();
    private static final PackTrust TRUST = PackTrust.of(KEYS.getPublic());

    @TempDir
    Path tmp;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private Path pack(String version, String message) throws IOException {
        Path dir = tmp.resolve("pack-" + version + "-" + Math.abs(message.hashCode()));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pack.yaml"), "id: fleet\nversion: \"" + version + "\"\n");
        Files.writeString(
                dir.resolve("rules.drl"),
                TestPacks.HEADER + "rule \"allow\" when Data() then verdict.allow(\"" + message + "\"); end\n");
        return dir;
    }

    private Path bundle(String version, String message) throws IOException {
        Path out = tmp.resolve("fleet-" + version + "-" + Math.abs(message.hashCode()) + ".bundle");
        PackBundle.write(pack(version, message), KEYS.getPrivate(), KEYS.getPublic(), Duration.ofDays(1), out);
        return out;
    }

    private static String served(PolicyDecider engine) {
        return engine.evaluate(PolicyRequest.builder().product("x").build())
                .reasons()
                .get(0)
                .message();
    }

    @Test
    void detachedJws_isStandardShaped_andVerifiesWithTheJdkAlone() throws Exception {
        Path dir = pack("1", "v1");
        PackBundle.signDetached(dir, KEYS.getPrivate(), KEYS.getPublic(), Duration.ofDays(1));
        JsonNode doc = new ObjectMapper()
                .readTree(dir.resolve(PackBundle.SIGNATURES_FILE).toFile());
        assertThat(doc.has("payload")).isFalse();
        JsonNode sig = doc.get("signatures").get(0);
        JsonNode header = new ObjectMapper()
                .readTree(Base64.getUrlDecoder().decode(sig.get("protected").asText()));
        assertThat(header.get("alg").asText()).isEqualTo("EdDSA");
        assertThat(header.get("kid").asText()).isEqualTo(PackBundle.keyId(KEYS.getPublic()));
        assertThat(header.get("exp").asLong()).isGreaterThan(header.get("iat").asLong());

        // RFC 7515 signing input rebuilt by hand from the documented payload: a generic verifier's view
        String pyaml = dev.clearance.internal.pack.PackSignatures.sha256(Files.readAllBytes(dir.resolve("pack.yaml")));
        String drl = dev.clearance.internal.pack.PackSignatures.sha256(Files.readAllBytes(dir.resolve("rules.drl")));
        String payload = "{\"files\":{\"pack.yaml\":\"sha256:" + pyaml + "\",\"rules.drl\":\"sha256:" + drl
                + "\"},\"id\":\"fleet\",\"version\":\"1\"}";
        String input = sig.get("protected").asText() + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        java.security.Signature v = java.security.Signature.getInstance("Ed25519");
        v.initVerify(KEYS.getPublic());
        v.update(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(v.verify(Base64.getUrlDecoder().decode(sig.get("signature").asText())))
                .isTrue();

        assertThat(RulePack.load(dir, TRUST).version()).isEqualTo("1");
        assertThatThrownBy(() -> RulePack.load(dir, PackTrust.of(OTHER.getPublic())))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("invalid signature in .signatures.json");
        Files.writeString(dir.resolve("rules.drl"), Files.readString(dir.resolve("rules.drl")) + "\n");
        assertThatThrownBy(() -> RulePack.load(dir, TRUST)).isInstanceOf(RulePackCompilationException.class);
    }

    @Test
    void expiredSignature_isRefused() throws Exception {
        Path dir = pack("1", "v1");
        Files.writeString(
                dir.resolve(PackBundle.SIGNATURES_FILE),
                dev.clearance.internal.pack.PackJws.sign(
                        "fleet",
                        "1",
                        java.util.Map.of(
                                "pack.yaml",
                                dev.clearance.internal.pack.PackSignatures.sha256(
                                        Files.readAllBytes(dir.resolve("pack.yaml"))),
                                "rules.drl",
                                dev.clearance.internal.pack.PackSignatures.sha256(
                                        Files.readAllBytes(dir.resolve("rules.drl")))),
                        KEYS.getPrivate(),
                        KEYS.getPublic(),
                        java.time.Instant.now().minus(Duration.ofDays(2)),
                        Duration.ofDays(1)));
        assertThatThrownBy(() -> RulePack.load(dir, TRUST)).hasMessageContaining("expired");
    }

    @Test
    void bundle_holdsPackSignaturesAndManifest_andLoadsUnderTrust() throws Exception {
        Path b = bundle("1", "v1");
        try (ZipFile zip = new ZipFile(b.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().map(ZipEntry::getName).forEach(names::add);
            assertThat(names).contains("pack.yaml", "rules.drl", ".signatures.json", "bundle.json");
            JsonNode manifest = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("bundle.json")));
            assertThat(manifest.get("version").asText()).isEqualTo("1");
            assertThat(manifest.get("format").asText()).isEqualTo(PackBundle.FORMAT);
            assertThat(manifest.get("packFormat").asInt()).isEqualTo(PackBundle.PACK_FORMAT);
        }
        assertThat(RulePack.load(b, TRUST).id()).isEqualTo("fleet");
    }

    @Test
    void bundle_withAPublicKeyThatIsNotThePair_writesNothing() throws IOException {
        Path out = tmp.resolve("x.bundle");
        Path dir = pack("1", "v1");
        assertThatThrownBy(() -> PackBundle.write(dir, KEYS.getPrivate(), OTHER.getPublic(), Duration.ofDays(1), out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out).doesNotExist();
    }

    /** A copy of {@code bundle} with {@code rules.drl} replaced: the signature no longer matches. */
    private Path tampered(Path bundle) throws IOException {
        Path out = tmp.resolve("tampered.bundle");
        try (ZipFile in = new ZipFile(bundle.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : in.stream().toList()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("rules.drl")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replace("v2", "evil")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out;
    }

    record Served(byte[] body, String etag) {}

    /** A loopback server for one path; answers 304 to a matching If-None-Match; records request headers. */
    private URI serve(AtomicReference<Served> current, List<String> seenIfNoneMatch, AtomicReference<Integer> status)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/bundle", exchange -> {
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            seenIfNoneMatch.add(String.valueOf(inm));
            Served s = current.get();
            if (status.get() != 200) {
                exchange.sendResponseHeaders(status.get(), -1);
            } else if (s.etag().equals(inm)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.getResponseHeaders().add("ETag", s.etag());
                exchange.sendResponseHeaders(200, s.body().length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(s.body());
                }
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/bundle");
    }

    @Test
    void poller_overHttp_etag304_tamperedRefused_backoff_lastGoodKept_versionsMonotonic() throws Exception {
        Path v1 = bundle("1", "v1");
        Path v2 = bundle("2", "v2");
        AtomicReference<Served> current = new AtomicReference<>(new Served(Files.readAllBytes(v2), "\"e2\""));
        AtomicReference<Integer> status = new AtomicReference<>(200);
        List<String> inm = new ArrayList<>();
        URI url = serve(current, inm, status);
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(v1, TRUST))
                        .trust(TRUST)
                        .build();
                PackPoller poller = PackPoller.builder(url, engine)
                        .trust(TRUST)
                        .interval(Duration.ofSeconds(10))
                        .maxBackoff(Duration.ofSeconds(60))
                        .build()) {
            PackPoller.Result first = poller.pollOnce();
            assertThat(first.status()).isEqualTo(PackPoller.Status.UPDATED);
            assertThat(served(engine)).isEqualTo("v2");

            PackPoller.Result again = poller.pollOnce();
            assertThat(again.status()).isEqualTo(PackPoller.Status.NOT_MODIFIED);
            assertThat(inm).containsExactly("null", "\"e2\"");

            // a tampered bundle: refused before the swap, v2 keeps serving, the wait doubles
            current.set(new Served(Files.readAllBytes(tampered(v2)), "\"t\""));
            PackPoller.Result bad = poller.pollOnce();
            assertThat(bad.status()).isEqualTo(PackPoller.Status.REJECTED);
            assertThat(bad.detail()).contains("invalid signature").doesNotContain("evil");
            assertThat(bad.nextDelay()).isEqualTo(Duration.ofSeconds(20));
            assertThat(served(engine)).isEqualTo("v2");

            // the server fails: backoff grows to the cap, v2 keeps serving
            status.set(503);
            assertThat(poller.pollOnce().nextDelay()).isEqualTo(Duration.ofSeconds(40));
            PackPoller.Result down = poller.pollOnce();
            assertThat(down.status()).isEqualTo(PackPoller.Status.FAILED);
            assertThat(down.nextDelay()).isEqualTo(Duration.ofSeconds(60));
            assertThat(served(engine)).isEqualTo("v2");

            // an older signed bundle: refused (monotonic), then a newer one is taken and the wait resets
            status.set(200);
            current.set(new Served(Files.readAllBytes(v1), "\"e1\""));
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.REJECTED);
            assertThat(engine.packVersion()).isEqualTo("2");
            current.set(new Served(Files.readAllBytes(bundle("3", "v3")), "\"e3\""));
            PackPoller.Result three = poller.pollOnce();
            assertThat(three.status()).isEqualTo(PackPoller.Status.UPDATED);
            assertThat(three.nextDelay()).isEqualTo(Duration.ofSeconds(10));
            assertThat(served(engine)).isEqualTo("v3");
        }
    }

    @Test
    void poller_sameIdAndVersion_reSigned_or_rebuilt_isAChange_unlessTheSignatureIsInvalid() throws Exception {
        Path v1 = bundle("1", "v1");
        AtomicReference<Served> current = new AtomicReference<>(new Served(Files.readAllBytes(v1), "\"a\""));
        URI url = serve(current, new ArrayList<>(), new AtomicReference<>(200));
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(v1, TRUST))
                        .trust(TRUST)
                        .build();
                PackPoller poller = PackPoller.builder(url, engine)
                        .trust(TRUST)
                        .interval(Duration.ofSeconds(10))
                        .build()) {
            // the very bundle serving, under a new ETag: not modified, no reload
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.NOT_MODIFIED);
            PolicyEngine before = engine.current();

            // the same pack re-signed (another issued-at and expiry): a change, verified and swapped in
            Path resigned = tmp.resolve("resigned.bundle");
            PackBundle.write(pack("1", "v1"), KEYS.getPrivate(), KEYS.getPublic(), Duration.ofDays(2), resigned);
            assertThat(Files.readAllBytes(resigned)).isNotEqualTo(Files.readAllBytes(v1));
            current.set(new Served(Files.readAllBytes(resigned), "\"b\""));
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.UPDATED);
            assertThat(engine.current()).isNotSameAs(before);
            assertThat(engine.packVersion()).isEqualTo("1");

            // the same version with other file contents, validly signed: swapped in
            byte[] fixed = Files.readAllBytes(bundle("1", "v1-fixed"));
            current.set(new Served(fixed, "\"c\""));
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.UPDATED);
            assertThat(served(engine)).isEqualTo("v1-fixed");

            // the same version, other contents, signed by a key not trusted: refused, the last good one serves
            Path foreign = tmp.resolve("foreign-1.bundle");
            PackBundle.write(
                    pack("1", "v1-foreign"), OTHER.getPrivate(), OTHER.getPublic(), Duration.ofDays(1), foreign);
            current.set(new Served(Files.readAllBytes(foreign), "\"d\""));
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.REJECTED);
            assertThat(served(engine)).isEqualTo("v1-fixed");

            // the bundle serving, fetched again under another ETag: not modified, no reload
            PolicyEngine serving = engine.current();
            current.set(new Served(fixed, "\"e\""));
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.NOT_MODIFIED);
            assertThat(engine.current()).isSameAs(serving);
        }
    }

    @Test
    void poller_overAFileUrl_seesChanges_andRefusesAForeignSignature() throws Exception {
        Path v1 = bundle("1", "v1");
        Path target = tmp.resolve("served.bundle");
        Files.copy(bundle("2", "v2"), target);
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(v1, TRUST))
                        .trust(TRUST)
                        .build();
                PackPoller poller =
                        PackPoller.builder(target.toUri(), engine).trust(TRUST).build()) {
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.UPDATED);
            assertThat(poller.pollOnce().status()).isEqualTo(PackPoller.Status.NOT_MODIFIED);
            Path foreign = tmp.resolve("foreign.bundle");
            PackBundle.write(pack("3", "v3"), OTHER.getPrivate(), OTHER.getPublic(), Duration.ofDays(1), foreign);
            Files.copy(foreign, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
            PackPoller.Result r = poller.pollOnce();
            assertThat(r.status()).isEqualTo(PackPoller.Status.REJECTED);
            assertThat(served(engine)).isEqualTo("v2");
        }
    }

    @Test
    void poller_refusesOtherSchemes() {
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(
                        TestPacks.drl("rule \"a\" when Data() then verdict.allow(); end"))
                .build()) {
            assertThatThrownBy(() -> PackPoller.builder(URI.create("ftp://example.com/b"), engine))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
