package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clearance scan --explain}: recognizer, confidence and context per finding; never a value. */
class ScanExplainTest {
    @TempDir
    Path tmp;

    private static String token(long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("ghp_");
        for (int i = 0; i < 36; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static CliRun.Result run(String stdin, String... args) {
        return CliRun.withStdin(stdin, args);
    }

    @Test
    void explainShowsRecognizerConfidenceAndContextButNoValue() throws Exception {
        Files.writeString(tmp.resolve("pack.yaml"), """
                id: tuned
                version: "1"
                tuning:
                  context:
                    - {type: SECRET, words: [fixture, sample], confidence: -0.5, window: 30}
                """);
        Files.writeString(tmp.resolve("a.drl"), """
                package tuned
                import dev.clearance.*;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "allow" when Data() then verdict.allow(); end
                """);
        String secret = token(1);
        String text = "sample fixture: GITHUB_TOKEN=" + secret + "\nand the deploy password is 'Qm7#vT2pLx9w'.";

        CliRun.Result r = run(text, "scan", "--explain", "--pack", tmp.toString());

        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("rule=github-pat", "context: -0.50 near \"fixture\"", "(recognizer ");
        assertThat(r.out()).contains("rule=prose-password", "chars masked");
        assertThat(r.out() + r.err()).doesNotContain(secret).doesNotContain(secret.substring(4, 20));
        assertThat(r.out() + r.err()).doesNotContain("Qm7#vT2pLx9w").doesNotContain("Qm7#");
    }

    @Test
    void pathAndLabelMeetThePacksExclusions() throws Exception {
        Files.writeString(tmp.resolve("pack.yaml"), """
                id: excluding
                version: "1"
                tuning:
                  exclude:
                    - {paths: ["**/fixtures/**"], types: [EMAIL_ADDRESS]}
                    - {labels: [synthetic], types: [PII]}
                """);
        Files.writeString(tmp.resolve("a.drl"), """
                package excluding
                import dev.clearance.*;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "allow" when Data() then verdict.allow(); end
                """);
        String text = "owner jo.doe@example.org, GITHUB_TOKEN=" + token(2);
        String pack = tmp.toString();

        CliRun.Result plain = run(text, "scan", "--explain", "--pack", pack);
        CliRun.Result fixture = run(text, "scan", "--explain", "--pack", pack, "--path", "src/test/fixtures/a.txt");
        CliRun.Result labelled = run(text, "scan", "--pack", pack, "--label", "synthetic");

        assertThat(plain.out()).contains("EMAIL_ADDRESS rule=email").doesNotContain("excluded");
        assertThat(fixture.out()).containsPattern("EMAIL_ADDRESS rule=email .*-> excluded");
        assertThat(fixture.out()).containsPattern("rule=github-pat .*-> kept");
        assertThat(labelled.out()).doesNotContain("EMAIL_ADDRESS").contains("github-pat");
    }

    @Test
    void explainWithoutFindingsSaysSo() {
        CliRun.Result r = run("nothing to see here", "scan", "--explain");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out().strip()).isEqualTo("no findings");
    }
}
