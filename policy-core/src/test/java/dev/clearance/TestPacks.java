package dev.clearance;

import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/** Small inline packs for engine tests. */
final class TestPacks {
    private TestPacks() {}

    static final String HEADER = """
            package test.rules;
            import dev.clearance.*;
            import dev.clearance.facts.*;
            global dev.clearance.facts.Verdict verdict;
            """;

    /**
     * Limits for tests about what is decided, not how fast: a machine busy with other builds can stall a decision
     * (the first ones of a JVM above all) past the default 1 s budget, which is then, correctly, DENY
     * limit.timeBudget ({@code BoundedEvaluationTest} tests the budget).
     */
    static final EvaluationLimits PATIENT = EvaluationLimits.builder()
            .timeBudget(java.time.Duration.ofSeconds(60))
            .build();

    static RulePack drl(String rules) {
        return RulePack.builder("test-pack", "7")
                .drl("rules/test.drl", HEADER + rules)
                .build();
    }

    private static final KeyPair SIGNER = PackTrust.generateKeyPair();

    /**
     * A pack whose rules may use all of Java (busy loops, clocks): written to {@code dir}, signed, and loaded with
     * {@link PackTrust#allowUnrestrictedCode()} — the one way to get unverified rule code.
     */
    static RulePack unrestricted(String rules) {
        return unrestricted("test-pack", "7", HEADER + rules);
    }

    /** As {@link #unrestricted(Path, String)} in a fresh temporary directory, with the whole DRL text given. */
    static RulePack unrestricted(String id, String version, String drl) {
        try {
            Path dir = Files.createTempDirectory("clearance-unrestricted-");
            Files.writeString(dir.resolve("pack.yaml"), "id: " + id + "\nversion: \"" + version + "\"\n");
            Files.writeString(dir.resolve("test.drl"), drl);
            PackTrust.sign(dir, SIGNER.getPrivate());
            return RulePack.load(dir, PackTrust.of(SIGNER.getPublic()).allowUnrestrictedCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RulePack unrestricted(Path dir, String rules) {
        try {
            Files.writeString(dir.resolve("pack.yaml"), "id: test-pack\nversion: \"7\"\n");
            Files.writeString(dir.resolve("test.drl"), HEADER + rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PackTrust.sign(dir, SIGNER.getPrivate());
        return RulePack.load(dir, PackTrust.of(SIGNER.getPublic()).allowUnrestrictedCode());
    }

    /** A detector that reports every occurrence of {@code word} as a finding of the given kind. */
    static dev.clearance.spi.Detector word(String word, java.util.function.IntFunction<Finding> at) {
        return new dev.clearance.spi.Detector() {
            @Override
            public String id() {
                return "word:" + word;
            }

            @Override
            public void detect(String text, java.util.function.Consumer<Finding> sink) {
                for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
                    sink.accept(at.apply(i));
                }
            }
        };
    }
}
