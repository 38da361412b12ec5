package dev.clearance.cli;

import dev.clearance.pack.PackTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;

/** Reads key files for the commands: a key file that cannot be read is invalid input (exit 3), in one line. */
final class Keys {
    private Keys() {}

    /** Trust in the given public keys; none: no trust required. */
    static PackTrust trust(List<Path> publicKeys) {
        if (publicKeys.isEmpty()) {
            return PackTrust.none();
        }
        publicKeys.forEach(k -> readable(k, "key"));
        return PackTrust.fromPem(publicKeys.toArray(Path[]::new));
    }

    static PrivateKey privateKey(Path file) {
        readable(file, "key");
        return PackTrust.readPrivateKey(file);
    }

    /**
     * The public key of the pair whose private key is {@code privateKey}: {@code publicKey} when given, else the
     * {@code NAME.pub.pem} that {@code clearance keygen} wrote next to {@code NAME.pem}.
     */
    static java.security.PublicKey publicKeyFor(Path privateKey, Path publicKey) {
        Path file = publicKey;
        if (file == null) {
            String name = privateKey.toString();
            file = Path.of((name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name) + ".pub.pem");
        }
        String pem = new String(bytes(file, "public key"), java.nio.charset.StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return java.security.KeyFactory.getInstance("Ed25519")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(
                            java.util.Base64.getDecoder().decode(body)));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new ExitCodes.InvalidInput("public key file " + file + " is not an Ed25519 public key (PEM)");
        }
    }

    /** The bytes of a key file. */
    static byte[] bytes(Path file, String what) {
        readable(file, what);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExitCodes.InvalidInput("cannot read " + what + " file " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static void readable(Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ExitCodes.InvalidInput("cannot read " + what + " file " + file + ": "
                    + (Files.exists(file) ? "not a readable file" : "no such file"));
        }
    }
}
