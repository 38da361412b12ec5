package dev.clearance.internal.pack;

import dev.clearance.Diagnostic;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SHA-256 checksums and Ed25519 signatures of packs (JDK built-in crypto). Internal. */
public final class PackSignatures {
    private PackSignatures() {}

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The manifest text without its {@code signature:} line, which the signature cannot cover. */
    static String manifestWithoutSignature(String manifest) {
        StringBuilder out = new StringBuilder(manifest.length());
        for (String line : manifest.split("\n", -1)) {
            if (!line.startsWith("signature:")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** What the signature covers: pack id, version, the manifest (minus signature) and every file's checksum. */
    static byte[] payload(String id, String version, String manifestSha256, Map<String, String> checksums) {
        StringBuilder sb = new StringBuilder("clearance-pack-signature-v1\n");
        sb.append("id ")
                .append(id)
                .append('\n')
                .append("version ")
                .append(version)
                .append('\n');
        sb.append("manifest ").append(manifestSha256).append('\n');
        new TreeMap<>(checksums)
                .forEach((path, sum) ->
                        sb.append("file ").append(sum).append(' ').append(path).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static boolean verify(byte[] payload, String signatureBase64, List<PublicKey> keys) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signatureBase64.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (PublicKey key : keys) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(payload);
                if (s.verify(sig)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // try the next key
            }
        }
        return false;
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type, String where) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int s = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (s < 0 || e < s) {
            throw new IllegalArgumentException(where + ": not a PEM " + type);
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(s + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ": invalid base64 in PEM " + type);
        }
    }

    public static PublicKey readPublicKey(String pem, String where) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY", where)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ": not an Ed25519 public key");
        }
    }

    public static PrivateKey readPrivateKey(String pem, String where) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY", where)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ": not an Ed25519 private key");
        }
    }

    /**
     * Checks the manifest's checksums against the files read and, when keys are trusted, its signature. Collects
     * problems as diagnostics on {@code pack.yaml}.
     */
    static List<Diagnostic> check(
            String id,
            String version,
            String manifestText,
            Map<String, String> declared,
            String signature,
            Map<String, String> actual,
            List<PublicKey> trusted) {
        List<Diagnostic> problems = new ArrayList<>();
        if (declared != null) {
            for (Map.Entry<String, String> e : actual.entrySet()) {
                String want = declared.get(e.getKey());
                if (want == null) {
                    problems.add(diag("file not covered by checksums: " + e.getKey()));
                } else if (!want.equalsIgnoreCase(e.getValue())) {
                    problems.add(diag("checksum mismatch (file changed after signing): " + e.getKey()));
                }
            }
            for (String path : declared.keySet()) {
                if (!actual.containsKey(path)) {
                    problems.add(diag("checksummed file is not part of the pack: " + path));
                }
            }
        }
        if (!trusted.isEmpty()) {
            if (declared == null || signature == null) {
                problems.add(diag("the pack is not signed, and signed packs are required (trusted keys are set)"));
            } else if (problems.isEmpty()
                    && !verify(
                            payload(
                                    id,
                                    version,
                                    sha256(manifestWithoutSignature(manifestText)
                                            .getBytes(StandardCharsets.UTF_8)),
                                    declared),
                            signature,
                            trusted)) {
                problems.add(diag("invalid signature: the pack was changed or signed by an untrusted key"));
            }
        }
        return problems;
    }

    private static Diagnostic diag(String message) {
        return new Diagnostic(Severity.ERROR, PackSource.MANIFEST, 0, 0, null, message);
    }

    static RulePackCompilationException failure(String pack, List<Diagnostic> problems) {
        return new RulePackCompilationException(pack, problems);
    }
}
