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

    @Option(
            names = "--allow-unrestricted-rules",
            description = "Let a pack signed by a --trusted-key use all of Java in its rules (processes, files,"
                    + " the network, System.exit). Without it, rule code is verified against the pack sandbox's"
                    + " allowlist (docs/pack-sandbox.md).")
    boolean allowUnrestrictedRules;

    /** The trust for {@code keys}; {@code unrestricted} (needs a key) lets signed packs use all of Java. */
    static PackTrust trust(List<Path> keys, boolean unrestricted) {
        if (keys.isEmpty()) {
            if (unrestricted) {
                throw new IllegalArgumentException("--allow-unrestricted-rules needs --trusted-key: only a pack"
                        + " signed by a trusted key may use all of Java");
            }
            return PackTrust.none();
        }
        PackTrust trust = Keys.trust(keys);
        return unrestricted ? trust.allowUnrestrictedCode() : trust;
    }

    PackTrust trust() {
        return TrustOption.trust(trustedKeys, allowUnrestrictedRules);
    }
}
