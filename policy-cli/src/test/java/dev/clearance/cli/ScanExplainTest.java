package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

    private static String[] run(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = ClearanceCli.run(args, new PrintWriter(out), new PrintWriter(err));
            return new String[] {String.valueOf(code), out.toString(), err.toString()};
        } finally {
            System.setIn(saved);
        }
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

        String[] r = run(text, "scan", "--explain", "--pack", tmp.toString());

        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("rule=github-pat", "context: -0.50 near \"fixture\"", "(recognizer ");
        assertThat(r[1]).contains("rule=prose-password", "chars masked");
        assertThat(r[1] + r[2]).doesNotContain(secret).doesNotContain(secret.substring(4, 20));
        assertThat(r[1] + r[2]).doesNotContain("Qm7#vT2pLx9w").doesNotContain("Qm7#");
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

        String[] plain = run(text, "scan", "--explain", "--pack", pack);
        String[] fixture = run(text, "scan", "--explain", "--pack", pack, "--path", "src/test/fixtures/a.txt");
        String[] labelled = run(text, "scan", "--pack", pack, "--label", "synthetic");

        assertThat(plain[1]).contains("EMAIL_ADDRESS rule=email").doesNotContain("excluded");
        assertThat(fixture[1]).containsPattern("EMAIL_ADDRESS rule=email .*-> excluded");
        assertThat(fixture[1]).containsPattern("rule=github-pat .*-> kept");
        assertThat(labelled[1]).doesNotContain("EMAIL_ADDRESS").contains("github-pat");
    }

    @Test
    void explainWithoutFindingsSaysSo() {
        String[] r = run("nothing to see here", "scan", "--explain");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1].strip()).isEqualTo("no findings");
    }
}
