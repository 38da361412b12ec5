package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRuleFixtures.ALNUM;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertNotFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.confidenceOf;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.random;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Build-tool credential blocks, from each format's documentation (Maven settings reference, npm config docs,
 * PyPA .pypirc spec, Gradle build-environment docs, Docker CLI config docs); values are random.
 */
class BuildToolCredentialRulesTest {
    private final String pw = random(ALNUM, 14, 101) + "#";
    private final String phrase = random(ALNUM, 12, 102);

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mavenServerPasswordAndPassphrase() {
        String settings = """
                <settings>
                  <servers>
                    <server>
                      <id>corp-releases</id>
                      <username>deployer</username>
                      <password>%s</password>
                    </server>
                    <server>
                      <id>siteServer</id>
                      <privateKey>${user.home}/.ssh/id_ed25519</privateKey>
                      <!-- leave empty if the key has none -->
                      <passphrase>%s</passphrase>
                    </server>
                  </servers>
                </settings>
                """.formatted(pw, phrase);
        assertFound(settings, pw, "maven-settings-password");
        assertFound(settings, phrase, "maven-settings-passphrase");
    }

    @Test
    void mavenPropertyReferencesAndDictionaryWords() {
        assertNotFound(
                "<server><id>a</id><username>${env.U}</username><password>${env.DEPLOY_PW}</password></server>",
                "maven-settings-password");
        String weak = "<server><id>a</id><username>ci</username><password>changeit</password></server>";
        assertFound(weak, "changeit", "maven-settings-password");
        String strong = "<server><id>a</id><username>ci</username><password>" + pw + "</password></server>";
        assertThat(confidenceOf(weak, "maven-settings-password"))
                .isLessThan(confidenceOf(strong, "maven-settings-password"));
    }

    @Test
    void npmrcAuthSettings() {
        String token = random(ALNUM, 36, 103);
        assertFound("//registry.example.org/:_authToken=" + token + "\n", token, "npmrc-auth");
        String basic = b64("builder:" + pw);
        assertFound("registry=https://npm.example.org/\n_auth=" + basic + "\n", basic, "npmrc-auth");
        String password = b64(pw);
        assertFound(
                "//npm.example.org/:username=builder\n//npm.example.org/:_password=" + password + "\n",
                password,
                "npmrc-auth");
        assertNotFound("//registry.example.org/:_authToken=${NPM_TOKEN}\n", "npmrc-auth");
        assertNotFound("//registry.example.org/:always-auth=true\n", "npmrc-auth");
    }

    @Test
    void pypircSections() {
        String other = random(ALNUM, 16, 104);
        String pypirc = """
                [distutils]
                index-servers =
                    pypi
                    corp

                [pypi]
                username = __token__
                password = %s

                [corp]
                repository = https://pypi.example.org/simple/
                username = builder
                password = %s
                """.formatted(pw, other);
        assertFound(pypirc, pw, "pypirc-password");
        assertFound(pypirc, other, "pypirc-password");
    }

    @Test
    void gradleProperties() {
        String signing = random(ALNUM, 12, 105);
        String proxy = random(ALNUM, 11, 106);
        String props = "org.gradle.jvmargs=-Xmx2g\nsigning.keyId=0A1B2C3D\nsigning.password=" + signing
                + "\nsigning.secretKeyRingFile=/home/ci/.gnupg/secring.gpg\nsystemProp.https.proxyPassword=" + proxy
                + "\nossrhPassword=" + pw + "\n";
        assertFound(props, signing, "gradle-properties-password");
        assertFound(props, proxy, "gradle-properties-password");
        assertFound(props, pw, "gradle-properties-password");
        // a property file that is not Gradle's is left to the generic password rule
        assertNotFound("db.password=" + pw + "\n", "gradle-properties-password");
    }

    @Test
    void dockerConfigAuths() {
        String auth = b64("builder:" + pw);
        String config = """
                {
                  "auths": {
                    "registry.example.org": {
                      "auth": "%s"
                    }
                  },
                  "credsStore": "desktop"
                }
                """.formatted(auth);
        assertFound(config, auth, "docker-config-auth");
        String identity = random(ALNUM, 48, 107);
        assertFound(
                "{\"auths\": {\"registry.example.org\": {\"identitytoken\": \"" + identity + "\"}}}",
                identity,
                "docker-config-auth");
        assertNotFound("{\"auths\": {\"registry.example.org\": {}}, \"auth\": \"\"}", "docker-config-auth");
    }

    @Test
    void nugetAndNetrcStillCovered() {
        assertFound(
                "<packageSourceCredentials><Corp><add key=\"Username\" value=\"ci\" />"
                        + "<add key=\"ClearTextPassword\" value=\"" + pw + "\" /></Corp></packageSourceCredentials>",
                pw,
                "nuget-config-password");
        assertFound("machine npm.example.org login ci password " + pw + "\n", pw, "netrc-password");
    }
}
