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
