package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRuleFixtures.ALNUM;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.HEX;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.LOWER_ALNUM;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.random;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The id part of a multi-part credential is reported (type SECRET_ID) beside its secret part, never alone. */
class CredentialIdPartsTest {
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static void assertIdPart(String text, String id, String rule) {
        int start = text.indexOf(id);
        assertThat(start).as("fixture holds the id").isGreaterThanOrEqualTo(0);
        assertThat(scan(text)).as(rule).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("SECRET_ID");
            assertThat(f.category()).isEqualTo(FindingCategory.SECRET);
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + id.length());
        });
    }

    private static List<Finding> idParts(String text) {
        return scan(text).stream().filter(f -> f.type().equals("SECRET_ID")).toList();
    }

    private static String uuid(long seed) {
        String h = random(HEX, 32, seed);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a" + h.substring(17, 20)
                + "-" + h.substring(20);
    }

    @Test
    void oauthClientIdBesideAClientSecret() {
        String id = uuid(201);
        // Microsoft identity platform client secrets: 3 chars, a digit, "Q~", 31-34 chars
        String secret = random(ALNUM, 3, 202) + "8Q~" + random(ALNUM + "_.-", 34, 203);
        String env = "AZURE_CLIENT_ID=" + id + "\nAZURE_CLIENT_SECRET=" + secret + "\n";
        assertThat(scan(env)).anySatisfy(f -> assertThat(f.rule()).isEqualTo("azure-ad-client-secret"));
        assertIdPart(env, id, "oauth-client-id");
        String generic = random(LOWER_ALNUM, 40, 204);
        String yaml = "oauth:\n  client_id: \"" + id + "\"\n  client_secret: \"" + generic + "\"\n";
        assertIdPart(yaml, id, "oauth-client-id");
    }

    @Test
    void twilioAccountSidBesideTheAuthToken() {
        String sid = "AC" + random(HEX, 32, 205);
        String token = random(HEX, 32, 206);
        String env = "TWILIO_ACCOUNT_SID=" + sid + "\nTWILIO_AUTH_TOKEN=" + token + "\n";
        assertIdPart(env, sid, "twilio-account-sid");
    }

    @Test
    void algoliaApplicationIdBesideTheApiKey() {
        String app = random(UPPER_ALNUM, 10, 207);
        String key = random(HEX, 32, 208);
        String env = "ALGOLIA_APP_ID=" + app + "\nALGOLIA_API_KEY=" + key + "\n";
        assertIdPart(env, app, "algolia-application-id");
    }

    @Test
    void userNamesOfUserAndPasswordBlocks() {
        String pw = random(ALNUM, 14, 209) + "!";
        assertIdPart(
                "machine ftp.example.org login svc-backup password " + pw + "\n", "svc-backup", "credential-username");
        assertIdPart(
                "<server><id>corp</id><username>deployer</username><password>" + pw + "</password></server>",
                "deployer",
                "credential-username");
        assertIdPart("Server=db01;Database=app;User Id=app_rw;Password=" + pw + ";", "app_rw", "credential-username");
        assertIdPart("var c = new NetworkCredential(\"svc-mail\", \"" + pw + "\");", "svc-mail", "credential-username");
        assertIdPart("docker login -u deploy7 -p " + pw + " registry.example.org", "deploy7", "credential-username");
    }

    @Test
    void noIdPartWithoutItsSecret() {
        assertThat(idParts("AZURE_CLIENT_ID=" + uuid(210) + "\nAZURE_TENANT_ID=" + uuid(211) + "\n"))
                .isEmpty();
        assertThat(idParts("TWILIO_ACCOUNT_SID=AC" + random(HEX, 32, 212) + "\n"))
                .isEmpty();
        assertThat(idParts("ALGOLIA_APP_ID=" + random(UPPER_ALNUM, 10, 213) + "\n"))
                .isEmpty();
        assertThat(idParts("machine ftp.example.org login anonymous\n")).isEmpty();
    }

    @Test
    void clientSecretName_isFoundAsTheRegexWouldFindIt() {
        com.google.re2j.Pattern regex = com.google.re2j.Pattern.compile("(?i)client[_.-]?secret");
        java.util.Random rnd = new java.util.Random(5);
        String[] pieces = {"client", "CLIENT", "Client", "secret", "SECRET", "\u017Fecret", "_", ".", "-", " ", "x", "c"
        };
        for (int round = 0; round < 2000; round++) {
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(6); k >= 0; k--) {
                b.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String text = b.toString();
            int from = rnd.nextInt(text.length() + 1);
            int to = from + rnd.nextInt(text.length() - from + 1);
            boolean expected = regex.matcher(text.substring(from, to)).find();
            assertThat(CredentialIdParts.namesClientSecret(text, from, to))
                    .as(text)
                    .isEqualTo(expected);
        }
    }
}
