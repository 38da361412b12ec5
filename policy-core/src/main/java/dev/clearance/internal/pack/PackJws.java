package dev.clearance.internal.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearance.Diagnostic;
import dev.clearance.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Detached JWS signatures of a pack (RFC 7515, JSON general serialization, Appendix F detached content), in
 * {@value #FILE} next to {@code pack.yaml}. Algorithm {@code EdDSA} (RFC 8037) with Ed25519 keys; the protected
 * header carries {@code kid} (the RFC 7638 JWK thumbprint of the public key), {@code iat} and {@code exp} (seconds
 * since the epoch). The detached payload is the canonical pack manifest, rebuilt by the verifier from the files it
 * read: {@code {"files":{"<path>":"sha256:<hex>",...},"id":"...","version":"..."}} (keys sorted, no whitespace),
 * covering {@code pack.yaml} and every file the pack uses. Any JOSE library verifies it given that payload.
 * Internal.
 */
public final class PackJws {
    /** The signatures file, next to {@code pack.yaml}. */
    public static final String FILE = ".signatures.json";

    /** Clock skew tolerated for {@code iat} in the future. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private PackJws() {}

    /** The canonical detached payload over {@code digests} (path to hex SHA-256). */
    public static byte[] payload(String id, String version, Map<String, String> digests) {
        ObjectNode files = JSON.createObjectNode();
        new TreeMap<>(digests)
                .forEach((path, hex) -> files.put(path, "sha256:" + hex.toLowerCase(java.util.Locale.ROOT)));
        ObjectNode root = JSON.createObjectNode();
        root.set("files", files);
        root.put("id", id);
        root.put("version", version);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638 thumbprint of an Ed25519 public key (base64url of SHA-256 over the canonical OKP JWK). */
    public static String thumbprint(PublicKey key) {
        byte[] der = key.getEncoded();
        byte[] x = java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
        String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + B64.encodeToString(x) + "\"}";
        try {
            return B64.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The {@value #FILE} document with one signature by {@code key} over the payload, valid for {@code validity}. */
    public static String sign(
            String id,
            String version,
            Map<String, String> digests,
            PrivateKey key,
            PublicKey publicKey,
            Instant now,
            Duration validity) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "EdDSA");
        header.put("kid", thumbprint(publicKey));
        header.put("iat", now.getEpochSecond());
        header.put("exp", now.plus(validity).getEpochSecond());
        header.put("cty", "application/vnd.clearance.pack-manifest+json");
        try {
            String protectedB64 = B64.encodeToString(JSON.writeValueAsBytes(header));
            String input = protectedB64 + "." + B64.encodeToString(payload(id, version, digests));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            ObjectNode sig = JSON.createObjectNode();
            sig.put("protected", protectedB64);
            sig.put("signature", B64.encodeToString(s.sign()));
            ObjectNode doc = JSON.createObjectNode();
            ArrayNode list = doc.putArray("signatures");
            list.add(sig);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot sign with this key: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Problems with {@code document} as the signatures of a pack whose files have {@code digests}: malformed, or,
     * when {@code trusted} is not empty, no signature that is by a trusted key, of algorithm EdDSA, issued no later
     * than now (plus {@link #SKEW}), not expired, and valid over the payload rebuilt from {@code digests}.
     */
    static List<Diagnostic> check(
            byte[] document,
            String id,
            String version,
            Map<String, String> digests,
            List<PublicKey> trusted,
            Instant now) {
        List<Diagnostic> problems = new ArrayList<>();
        JsonNode doc;
        try {
            doc = JSON.readTree(document);
        } catch (IOException e) {
            doc = null;
        }
        if (doc == null || !doc.path("signatures").isArray() || doc.has("payload")) {
            problems.add(diag(FILE + " is not a detached JWS (JSON serialization with 'signatures' and no 'payload')"));
            return problems;
        }
        if (trusted.isEmpty()) {
            return problems;
        }
        String payloadB64 = B64.encodeToString(payload(id, version, digests));
        String why = "no signature in " + FILE;
        for (Iterator<JsonNode> it = doc.get("signatures").elements(); it.hasNext(); ) {
            JsonNode sig = it.next();
            String protectedB64 = sig.path("protected").asText("");
            JsonNode header;
            byte[] signature;
            try {
                header = JSON.readTree(B64D.decode(protectedB64));
                signature = B64D.decode(sig.path("signature").asText(""));
            } catch (IOException | IllegalArgumentException e) {
                why = "a signature in " + FILE + " is malformed";
                continue;
            }
            if (header == null || !"EdDSA".equals(header.path("alg").asText())) {
                why = "a signature in " + FILE + " is not alg EdDSA";
                continue;
            }
            if (header.has("crit")) {
                why = "a signature in " + FILE + " has critical header parameters this verifier does not know";
                continue;
            }
            if (!header.path("exp").canConvertToLong() || !header.path("iat").canConvertToLong()) {
                why = "a signature in " + FILE + " has no numeric 'iat' and 'exp'";
                continue;
            }
            if (Instant.ofEpochSecond(header.get("exp").asLong()).isBefore(now)) {
                why = "the signature in " + FILE + " expired";
                continue;
            }
            if (Instant.ofEpochSecond(header.get("iat").asLong()).isAfter(now.plus(SKEW))) {
                why = "the signature in " + FILE + " is issued in the future";
                continue;
            }
            byte[] input = (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
            String kid = header.path("kid").asText(null);
            for (PublicKey key : trusted) {
                if (kid != null && !kid.equals(thumbprint(key))) {
                    continue;
                }
                if (verify(key, input, signature)) {
                    return problems;
                }
            }
            why = "invalid signature in " + FILE + ": the pack was changed or signed by an untrusted key";
        }
        problems.add(diag(why));
        return problems;
    }

    private static boolean verify(PublicKey key, byte[] input, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(input);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Diagnostic diag(String message) {
        return new Diagnostic(Severity.ERROR, FILE, 0, 0, null, message);
    }
}
