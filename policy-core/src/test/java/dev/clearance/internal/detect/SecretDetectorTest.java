package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import dev.clearance.internal.detect.secret.SecretRule;
import dev.clearance.internal.detect.secret.SecretRules;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretDetectorTest {
    private static final ContentScanner SCANNER = ContentScanner.defaults();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    static String random(String alphabet, int length, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static List<Finding> secrets(String text) {
        return SCANNER.scan(text).stream()
                .filter(f -> f.category() == FindingCategory.SECRET)
                .toList();
    }

    private static void assertSecretSpan(String text, String secret, String rule) {
        int start = text.indexOf(secret);
        assertThat(secrets(text)).as(rule).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + secret.length());
            assertThat(f.type()).isEqualTo("SECRET");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "ghp_, 36, github-pat",
        "gho_, 36, github-oauth",
        "ghs_, 36, github-app-token",
        "glpat-, 20, gitlab-pat",
        "npm_, 36, npm-access-token",
        "pplx-, 48, perplexity-api-key",
        "gsk_, 52, groq-api-key",
        "r8_, 37, replicate-api-token",
        "dop_v1_, 0, digitalocean-pat",
    })
    void prefixedToken_inAssignment_isFoundWithExactSpan(String prefix, int length, String rule) {
        String body = length == 0 ? random("0123456789abcdef", 64, 7) : random(ALNUM, length, 11);
        String token = prefix + body;
        assertSecretSpan("config.token = \"" + token + "\"; // rotate weekly", token, rule);
    }

    @Test
    void awsAccessKeyId_inProse_isFound() {
        String key = "AKIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 3);
        assertSecretSpan("the deploy user has key " + key + " attached", key, "aws-access-token");
    }

    @Test
    void awsDocumentationExampleKey_isAllowlisted() {
        assertThat(secrets("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")).isEmpty();
    }

    @Test
    void anthropicKey_withTrailingMarker_isFound_andWrongMarkerIsNot() {
        String body = random(ALNUM + "-_", 93, 5);
        String key = "sk-ant-api03-" + body + "AA";
        assertSecretSpan("ANTHROPIC_API_KEY=" + key, key, "anthropic-api-key");
        assertThat(secrets("ANTHROPIC_API_KEY=sk-ant-api03-" + body + "ZZ"))
                .noneMatch(f -> f.rule().startsWith("anthropic"));
    }

    @Test
    void openAiProjectKey_isFound() {
        String key = "sk-proj-" + random(ALNUM, 74, 1) + "T3BlbkFJ" + random(ALNUM, 74, 2);
        assertSecretSpan("client = OpenAI(api_key='" + key + "')", key, "openai-api-key");
    }

    @Test
    void githubToken_withValidChecksum_getsHigherConfidence() {
        String random = random(ALNUM, 30, 9);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(random.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long v = crc.getValue();
        char[] check = new char[6];
        String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int i = 5; i >= 0; i--) {
            check[i] = base62.charAt((int) (v % 62));
            v /= 62;
        }
        String valid = "ghp_" + random + new String(check);
        String invalid = "ghp_" + random + "000000";
        assertThat(secrets("t=" + valid))
                .singleElement()
                .extracting(Finding::confidence)
                .isEqualTo(0.99);
        assertThat(secrets("t=" + invalid))
                .singleElement()
                .extracting(Finding::confidence)
                .isEqualTo(0.9);
    }

    @Test
    void nearMissPrefixes_areNotSecrets() {
        assertThat(secrets("ghp_tooShort123")).isEmpty();
        assertThat(secrets("see the task_test_fixture module and skip_live_checks flag"))
                .isEmpty();
        assertThat(secrets("glpat-XXXXXXXXXXXXXXXXXXXX")).isEmpty();
        assertThat(secrets("mask_AKIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 4)))
                .isEmpty();
    }

    @Test
    void privateKeyBlock_spanCoversWholeBlock() {
        String block = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + random(ALNUM + "+/", 70, 1) + "\n"
                + random(ALNUM + "+/", 70, 2) + "\n-----END OPENSSH PRIVATE KEY-----";
        String text = "key:\n" + block + "\nend";
        assertSecretSpan(text, block, "private-key");
    }

    @Test
    void privateKeyHeaderWithoutBody_isNotASecret() {
        assertThat(secrets("-----BEGIN RSA PRIVATE KEY-----\nnothing here\n-----END RSA PRIVATE KEY-----"))
                .isEmpty();
    }

    @Test
    void jwt_isFound() {
        String jwt =
                "eyJhbGciOiJIUzI1NiJ9." + "eyJzdWIiOiJ1c2VyLTQyIiwicm9sZSI6ImFkbWluIn0." + random(ALNUM + "-_", 43, 8);
        assertSecretSpan("Authorization header was " + jwt + " yesterday", jwt, "jwt");
    }

    @Test
    void urlCredentials_spanIsUserInfo() {
        String text = "DATABASE_URL=postgres://app:S3cr3t-Pa55@db.internal:5432/app";
        assertSecretSpan(text, "app:S3cr3t-Pa55", "url-credentials");
        assertThat(secrets("see https://user:password@host.example for the format"))
                .isEmpty();
    }

    @Test
    void passwordAssignment_isFound_butReferencesAndPlaceholdersAreNot() {
        assertSecretSpan("db.password = \"Tr0ub4dor&3x\"", "Tr0ub4dor&3x", "password-assignment");
        assertSecretSpan("Server=db;User Id=sa;Password=Qx9!mZ2#wL;", "Qx9!mZ2#wL", "connection-string-password");
        assertThat(secrets("password = \"${DB_PASSWORD}\"")).isEmpty();
        assertThat(secrets("password: os.environ['DB_PASSWORD']")).isEmpty();
        assertThat(secrets("password = \"<your-password>\"")).isEmpty();
        assertThat(secrets("password: process.env.DB_PASSWORD")).isEmpty();
        assertThat(secrets("password = \"changeme\"")).isEmpty();
    }

    @Test
    void genericApiKey_needsEntropyAndKeyName() {
        String value = random(ALNUM, 32, 21);
        assertSecretSpan("MY_SERVICE_API_KEY=" + value, value, "generic-api-key");
        assertThat(secrets("api_key = aaaaaaaaaaaaaaaaaaaaaaaa")).isEmpty();
        assertThat(secrets("api_key = xxxxxxxxxxxxxxxxxxxxxxxxxxxx")).isEmpty();
        assertThat(secrets("monkey = " + value)).isEmpty();
        assertThat(secrets("public_key_id = " + value)).isEmpty();
    }

    @Test
    void serviceKeyword_assignment_isFound() {
        String value = random("abcdefghijklmnopqrstuvwxyz0123456789", 32, 5);
        assertSecretSpan("  \"algoliaAdminToken\" => \"" + value + "\"", value, "algolia-api-key");
        assertSecretSpan("<bittrexKey>\n  " + value + "\n</bittrexKey>", value, "bittrex-access-key");
    }

    @Test
    void azureStorageConnectionString_accountKeyIsFound() {
        String key = random(ALNUM + "+/", 86, 4) + "==";
        assertSecretSpan(
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + key + ";EndpointSuffix=core",
                key,
                "azure-storage-account-key");
    }

    @Test
    void slackWebhook_isFound() {
        String url = "https://hooks.slack.com/services/T" + random(ALNUM, 8, 1) + "/B" + random(ALNUM, 8, 2) + "/"
                + random(ALNUM, 24, 3);
        assertSecretSpan("post to " + url + " now", url, "slack-webhook-url");
    }

    @Test
    void ruleTable_coversAtLeastFortyFormats() {
        assertThat(SecretRules.all().stream().map(SecretRule::id).distinct().count())
                .isGreaterThanOrEqualTo(40);
    }
}
