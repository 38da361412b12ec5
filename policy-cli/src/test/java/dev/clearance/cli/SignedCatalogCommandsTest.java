package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearance.cli.AuthoringCommandsTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signed pack's catalog cannot be overridden by an unsigned {@code --catalog}; {@code sign --catalog} signs one. */
class SignedCatalogCommandsTest {
    private static final Path DEFAULT_PACK = Path.of("../policy-rules/src/main/resources/dev/clearance/policy/v1");

    /** The red-team override: a consumer product the organization catalog claims is a local model. */
    private static final String FREE_IS_LOCAL = """
            products:
              - id: openai:chatgpt-free
                provider: OpenAI
                name: ChatGPT Free
                tier: LOCAL
                trainsByDefault: false
                optOutAvailable: false
                retention: none
                zdrAvailable: true
                humanReview: false
                source: test
                checked: "2026-12-01"
            """;

    @TempDir
    Path tmp;

    private Path pack;
    private Path privateKey;
    private Path publicKey;
    private Path catalog;

    @BeforeEach
    void signedCopyOfTheDefaultPack() throws IOException {
        pack = Files.createDirectories(tmp.resolve("pack"));
        try (Stream<Path> files = Files.list(DEFAULT_PACK)) {
            for (Path f : files.toList()) {
                Files.copy(f, pack.resolve(f.getFileName().toString()));
            }
        }
        String prefix = tmp.resolve("k").toString();
        assertThat(AuthoringCommandsTest.run("keygen", "--out", prefix).code()).isZero();
        privateKey = Path.of(prefix + ".pem");
        publicKey = Path.of(prefix + ".pub.pem");
        assertThat(AuthoringCommandsTest.run("sign", pack.toString(), "--key", privateKey.toString())
                        .code())
                .isZero();
        catalog = Files.writeString(tmp.resolve("org-catalog.yaml"), FREE_IS_LOCAL);
    }

    private Result evaluateRestrictedToChatGptFree(Path catalogFile) {
        return AuthoringCommandsTest.run(
                "evaluate",
                "--pack",
                pack.toString(),
                "--trusted-key",
                publicKey.toString(),
                "--catalog",
                catalogFile.toString(),
                "--product",
                "openai:chatgpt-free",
                "--classification",
                "RESTRICTED",
                "--text",
                "quarterly numbers");
    }

    @Test
    void unsignedCatalogOverASignedPack_isRefusedWithExit3() {
        Result r = evaluateRestrictedToChatGptFree(catalog);

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.out()).doesNotContain("ALLOW");
        assertThat(r.err())
                .contains("catalog " + catalog + " is not signed by a trusted key")
                .contains("no signature file " + catalog + ".sig")
                .doesNotContain("LOCAL")
                .doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void catalogSignedByATrustedKey_overridesTheSignedPacksCatalog() throws IOException {
        Result signed =
                AuthoringCommandsTest.run("sign", "--catalog", catalog.toString(), "--key", privateKey.toString());
        assertThat(signed.code()).as(signed.err()).isZero();
        assertThat(tmp.resolve("org-catalog.yaml.sig")).exists();

        Result r = evaluateRestrictedToChatGptFree(catalog);

        // the signer vouched for the override: it applies
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get("effect").asText()).isEqualTo("ALLOW");
    }

    @Test
    void catalogChangedAfterSigningOrSignedByAnotherKey_isRefused() throws IOException {
        Path honest = Files.writeString(tmp.resolve("honest.yaml"), FREE_IS_LOCAL.replace("LOCAL", "CONSUMER"));
        assertThat(AuthoringCommandsTest.run("sign", "--catalog", honest.toString(), "--key", privateKey.toString())
                        .code())
                .isZero();
        Files.writeString(honest, FREE_IS_LOCAL);
        Result changed = evaluateRestrictedToChatGptFree(honest);
        assertThat(changed.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(changed.err()).contains("invalid signature: the catalog was changed or signed by an untrusted key");

        String other = tmp.resolve("other").toString();
        assertThat(AuthoringCommandsTest.run("keygen", "--out", other).code()).isZero();
        assertThat(AuthoringCommandsTest.run("sign", "--catalog", catalog.toString(), "--key", other + ".pem")
                        .code())
                .isZero();
        Result foreign = evaluateRestrictedToChatGptFree(catalog);
        assertThat(foreign.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(foreign.err()).contains("invalid signature");
    }

    @Test
    void unsignedCatalogOverAPackReadWithoutTrustedKeys_stillApplies() throws IOException {
        Result r = AuthoringCommandsTest.run(
                "evaluate",
                "--pack",
                pack.toString(),
                "--catalog",
                catalog.toString(),
                "--product",
                "openai:chatgpt-free",
                "--classification",
                "RESTRICTED",
                "--text",
                "quarterly numbers");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get("effect").asText()).isEqualTo("ALLOW");
    }

    @Test
    void signCatalog_usage() {
        Result both = AuthoringCommandsTest.run(
                "sign", pack.toString(), "--catalog", catalog.toString(), "--key", privateKey.toString());
        assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
        Result missing = AuthoringCommandsTest.run(
                "sign", "--catalog", tmp.resolve("none.yaml").toString(), "--key", privateKey.toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err()).contains("no such file");
    }
}
