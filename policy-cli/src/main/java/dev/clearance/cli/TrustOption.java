package dev.clearance.cli;

import dev.clearance.pack.PackTrust;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --trusted-key} for commands that read packs without the rest of {@link PackOptions}. */
final class TrustOption {
    @Option(
            names = "--trusted-key",
            paramLabel = "FILE",
            description =
                    "Ed25519 public key (PEM) every pack must be signed by; repeatable. Unsigned packs are refused.")
    List<Path> trustedKeys = List.of();

    PackTrust trust() {
        return Keys.trust(trustedKeys);
    }
}
