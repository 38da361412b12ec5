package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRuleFixtures.ALNUM;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertNotFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.confidenceOf;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.random;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Credentials recognised by their syntax: flags, netrc, arguments, XML settings, connection strings, prose. */
class CredentialSyntaxRulesTest {
    private final String pw = random(ALNUM, 14, 42) + "!";

    @Test
    void passwordFlags() {
        assertFound("mytool --password " + pw + " --verbose", pw, "cli-password-flag");
        assertFound("mytool --password=" + pw, pw, "cli-password-flag");
        assertFound("Connect-Thing -Server h -Password '" + pw + "'", pw, "cli-password-flag");
        assertFound("docker login -u deploy -p " + pw + " registry.example.org", pw, "cli-user-password");
    }

    @Test
    void passwordFlagsSkipVariablesAndOtherFlags() {
        assertNotFound("mytool --password $DB_PASSWORD", "cli-password-flag");
        assertNotFound("mytool --password-stdin < file", "cli-password-flag");
        assertNotFound("mytool --password ${{ secrets.PW }}", "cli-password-flag");
        assertNotFound("set the new-password field", "cli-password-flag");
    }

    @Test
    void secureStringFromPlainText() {
        assertFound(
                "$p = ConvertTo-SecureString \"" + pw + "\" -AsPlainText -Force",
                pw,
                "powershell-securestring-password");
    }

    @Test
    void netrcOnOneLineAndOnSeveral() {
        assertFound("machine api.example.org login bot password " + pw, pw, "netrc-password");
        assertFound("machine api.example.org\n  login bot\n  password " + pw + "\n", pw, "netrc-password");
    }

    @Test
    void credentialsAsArguments() {
        assertFound("var c = new NetworkCredential(\"svc\", \"" + pw + "\");", pw, "credential-arguments");
        assertFound("r = requests.get(url, auth=HTTPBasicAuth('svc', '" + pw + "'))", pw, "credential-arguments");
        assertFound("new PasswordAuthentication(\"svc\", \"" + pw + "\".toCharArray())", pw, "credential-arguments");
        assertFound(
                "new DirectoryEntry(\"LDAP://dc.example.org\", \"corp\\\\svc\", \"" + pw + "\")",
                pw,
                "directory-entry-password");
    }

    @Test
    void xmlSettings() {
        assertFound("<add key=\"SmtpPassword\" value=\"" + pw + "\" />", pw, "xml-setting-password");
        assertNotFound("<add key=\"SmtpHost\" value=\"" + pw + "\" />", "xml-setting-password");
    }

    @Test
    void connectionStringsAndDictionaryPasswords() {
        String text = "Server=db01;Database=app;User Id=app;Password=" + pw + ";";
        assertFound(text, pw, "connection-string-password");
        String weak = "Server=db01;Database=app;User Id=app;Password=secret;";
        assertFound(weak, "secret", "connection-string-password");
        assertThat(confidenceOf(weak, "connection-string-password"))
                .isLessThan(confidenceOf(text, "connection-string-password"));
        assertNotFound("password=" + pw, "connection-string-password");
    }

    @Test
    void jsonRpcLoginParameters() {
        String key = random(ALNUM, 40, 7);
        assertFound(
                "{\"jsonrpc\": \"2.0\", \"method\": \"session.login_with_token\", \"params\": [\"" + key + "\"]}",
                key,
                "jsonrpc-credential-params");
        assertNotFound("{\"method\": \"files.list\", \"params\": [\"" + key + "\"]}", "jsonrpc-credential-params");
    }

    @Test
    void passwordsInProse() {
        assertFound("For the demo box the password is \"" + pw + "\".", pw, "prose-password");
        assertFound("The password for user 'deploy' is '" + pw + "'.", pw, "prose-password");
        assertNotFound("The password is required and must be rotated.", "prose-password");
    }

    @Test
    void passwordsInProse_withSeveralWordsBetweenForAndIs() {
        assertFound("the password for the staging admin is '" + pw + "'", pw, "prose-password");
        assertFound("The passphrase of our shared build signing key was \"" + pw + "\".", pw, "prose-password");
        assertFound("Password for the 'ops' user on db-2 should be '" + pw + "'", pw, "prose-password");
        // six words is the bound: a seventh word is no longer read as naming the account
        assertFound("the password for a b c d e f is '" + pw + "'", pw, "prose-password");
        assertNotFound("the password for a b c d e f g is '" + pw + "'", "prose-password");
        // still a sentence on one line, and still a quoted value
        assertNotFound("the password for the staging admin\nis '" + pw + "'", "prose-password");
        assertNotFound("the password for the staging admin is stored in the vault", "prose-password");
    }

    @Test
    void preChecksKeepEveryMatchTheirPatternsFind() {
        // near-misses of the structure each pre-check reads, written so the pattern still matches
        assertFound("mytool --password\t\t'" + pw + "'", pw, "cli-password-flag");
        assertFound("<add key=\"ClearTextPassword\"\n  value=\"" + pw + "\" />", pw, "nuget-config-password");
        assertNotFound("<add key=\"ClearTextPassword\" value=\"<your-password-here>\" />", "nuget-config-password");
        assertFound("mytool -passwd=" + pw, pw, "cli-password-flag");
        assertFound("sqlcmd -u \"sa\"\t-P '" + pw + "1'", pw + "1", "cli-user-password");
        assertFound("Server=h;Database=d;PWD = " + pw + ";", pw, "connection-string-password");
        assertFound("password 7 \t0317480E1B5C4A", "0317480E1B5C4A", "cisco-type7-password");
        assertFound("machine h.example.org\n  login deploy\n  password " + pw, pw, "netrc-password");
        assertFound("<add  name = 'MailPassword'\n value = \"" + pw + "\" />", pw, "xml-setting-password");
        assertFound(
                "new NetworkCredential( username: \"deploy\" , password: \"" + pw + "\")", pw, "credential-arguments");
        assertFound(
                "$s = ConvertTo-SecureString -String '" + pw + "' -asplaintext -Force",
                pw,
                "powershell-securestring-password");
    }

    @Test
    void authorizationHeaders_everyOperatorForm_andTheNameAlone() {
        String token = random(ALNUM, 24, 43);
        assertFound("Authorization: Bearer " + token, token, "authorization-header");
        assertFound("\"authorization\": \"Basic " + token + "\"", token, "authorization-header");
        assertFound("'Authorization' \t\n = '" + token + "'", token, "authorization-header");
        assertFound("Proxy-Authorization=" + token, token, "authorization-header");
        assertFound("AUTHORIZATION:\n  Digest " + token, token, "authorization-header");
        assertNotFound(
                "conn.setRequestProperty(\"Authorization\", \"Bearer \" + " + token + ")", "authorization-header");
        assertNotFound("the authorization " + token + " was revoked", "authorization-header");
    }

    @Test
    void customAuthorizationSchemes() {
        String token = random(ALNUM, 40, 9);
        assertFound("Authorization: SSWS " + token, token, "authorization-header");
    }
}
