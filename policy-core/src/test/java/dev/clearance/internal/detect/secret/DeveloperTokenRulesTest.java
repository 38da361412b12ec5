package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRuleFixtures.ALNUM;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.BASE32_LOWER;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.HEX;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.LOWER_ALNUM;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertNotFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.random;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Provider token formats, each built from the prefix, alphabet and length its provider documents. */
class DeveloperTokenRulesTest {
    private static String uuid(long seed) {
        return new UUID(seed * 31 + 7, seed * 17 + 3).toString();
    }

    @Test
    void prefixedTokens() {
        String docker = "dckr_pat_" + random(ALNUM, 27, 1);
        assertFound("docker login -u me --password-stdin <<< " + docker, docker, "dockerhub-pat");
        String dtrack = "odt_" + random(ALNUM, 32, 2);
        assertFound("X-Api-Key: " + dtrack, dtrack, "dependency-track-api-key");
        String aio = "aio_" + random(ALNUM, 28, 3);
        assertFound("#define IO_KEY \"" + aio + "\"", aio, "adafruit-io-key");
        String sg = "sgp_" + random(HEX, 16, 4) + "_" + random(HEX, 40, 5);
        assertFound("token: " + sg, sg, "sourcegraph-access-token");
        String supabase = "sbp_" + random(HEX, 40, 6);
        assertFound(supabase, supabase, "supabase-access-token");
        String nriq = "NRIQ-" + random(ALNUM, 32, 7);
        assertFound("\"querykey\": \"" + nriq + "\"", nriq, "new-relic-query-key");
        String hvr = "hvr." + random(ALNUM, 40, 8);
        assertFound("recovery: " + hvr, hvr, "vault-recovery-token");
        String gocspx = "GOCSPX-" + random(ALNUM, 28, 9);
        assertFound("client_secret=" + gocspx, gocspx, "google-oauth-client-secret");
    }

    @Test
    void prefixInsideAWordIsNoToken() {
        assertNotFound("my_odt_" + random(ALNUM, 32, 10), "dependency-track-api-key");
    }

    @Test
    void djangoInsecureKeyWithPunctuation() {
        String key = "django-insecure-" + random("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50, 11);
        assertFound("SECRET_KEY = '" + key + "'", key, "django-secret-key");
    }

    @Test
    void assignedServiceTokens() {
        String postmark = uuid(12);
        assertFound("postmark: \"" + postmark + "\"", postmark, "postmark-api-token");
        String ado = random(BASE32_LOWER, 52, 13);
        assertFound("ado_pat = \"" + ado + "\"", ado, "azure-devops-pat");
        String bootstrap = random(LOWER_ALNUM, 15, 14) + "7";
        assertFound("token-secret: " + bootstrap, bootstrap, "kubernetes-bootstrap-token");
    }

    @Test
    void teamsLegacyWebhook() {
        String url = "https://outlook.office.com/webhook/" + uuid(15) + "@" + uuid(16) + "/IncomingWebhook/"
                + random(HEX, 32, 17) + "/" + uuid(18);
        assertFound("webhook: " + url, url, "microsoft-teams-webhook");
    }

    @Test
    void deviceTokenInUrlPath() {
        String token = random(LOWER_ALNUM, 20, 19);
        assertFound(
                "curl -X POST https://thingsboard.example.org/api/v1/" + token + "/telemetry -d '{}'",
                token,
                "thingsboard-access-token");
    }

    @Test
    void base64EncodedPrivateKey() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + random(ALNUM, 64, 20) + "\n" + random(ALNUM, 64, 21)
                + "\n-----END RSA PRIVATE KEY-----\n";
        String encoded = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        assertFound("PRIVATE_KEY_B64=" + encoded, encoded, "private-key-base64");
        String cert = Base64.getEncoder()
                .encodeToString(
                        ("-----BEGIN CERTIFICATE-----\n" + random(ALNUM, 64, 22)).getBytes(StandardCharsets.US_ASCII));
        assertNotFound("CERT_B64=" + cert, "private-key-base64");
    }
}
