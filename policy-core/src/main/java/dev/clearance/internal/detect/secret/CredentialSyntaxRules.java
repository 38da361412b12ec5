package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRule.tokenAround;

import java.util.List;
import java.util.Set;

/**
 * Credentials recognised by the syntax around them rather than by their own format: command-line password flags,
 * netrc entries, credentials passed as constructor or function arguments, XML {@code <add key value>} settings,
 * connection-string passwords, JSON-RPC login parameters and passwords stated in prose. Part of the table
 * {@link SecretRules#all()} lists; every rule is an RE2 pattern on a bounded window around its keyword.
 */
final class CredentialSyntaxRules {
    /** Rules whose value sits in a real credential slot: a dictionary word there is reported at low confidence. */
    static final Set<String> CREDENTIAL_SLOTS = Set.of(
            "cli-password-flag",
            "cli-user-password",
            "netrc-password",
            "credential-arguments",
            "directory-entry-password",
            "xml-setting-password",
            "connection-string-password",
            "prose-password",
            "jsonrpc-credential-params",
            "powershell-securestring-password");

    /** A value: not a variable reference ($VAR, %VAR%, ${..}, #{..}, (subexpression), <placeholder>). */
    private static final String VALUE = "[^\\s\"'$%(<{#-][^\\s\"']{2,127}";

    /** Words allowed between "password for" (or "of") and "is": a bounded count keeps the match linear. */
    static final int PROSE_WORDS = 6;

    private CredentialSyntaxRules() {}

    static List<SecretRule> rules() {
        return List.of(
                // --password VALUE, --password=VALUE, -Password VALUE (PowerShell), -passwd VALUE
                tokenAround(
                                "cli-password-flag",
                                0,
                                2,
                                200,
                                "(?i)(?:^|[\\s\"'`])-{1,2}(?:password|passwd|token|api-?key|secret)(?:=|[ \\t]+)[\"']?("
                                        + VALUE + ")",
                                "-password",
                                "-passwd",
                                "--token",
                                "--api-key",
                                "--apikey",
                                "--secret")
                        .withConfidence(0.8),
                // -u USER -p PASSWORD (docker login, sqlcmd -U -P, many database and registry clients)
                tokenAround(
                                "cli-user-password",
                                0,
                                2,
                                300,
                                "(?i)(?:^|[\\s\"'`])-u[ \\t]*[\"']?[^\\s\"']{1,64}[\"']?[ \\t]+-p[ \\t]*[\"']?(" + VALUE
                                        + ")",
                                "-u ")
                        .withConfidence(0.8)
                        // "-u app -p appdb": mysql prompts, appdb is a database; a password given has a digit
                        .withDigit(),
                // ConvertTo-SecureString "plain" -AsPlainText -Force
                tokenAround(
                                "powershell-securestring-password",
                                0,
                                0,
                                240,
                                "(?i)convertto-securestring[ \\t]+(?:-string[ \\t]+)?[\"']([^\"'\\r\\n]{3,128})[\"']"
                                        + "[^\\r\\n|;]{0,40}-asplaintext",
                                "convertto-securestring")
                        .startingAtKeyword(),
                // netrc: machine HOST [login USER] password PASSWORD (one line or several)
                tokenAround(
                                "netrc-password",
                                0,
                                0,
                                600,
                                "(?i)machine[ \\t]+[\\w.:-]{1,253}\\s+(?:login[ \\t]+[^\\s]{1,128}\\s+)?"
                                        + "password[ \\t]+([^\\s\"']{1,128})",
                                "machine")
                        .startingAtKeyword(),
                // new NetworkCredential("user", "password"), HTTPBasicAuth('user', 'password'), auth=('u', 'p') ...
                tokenAround(
                                "credential-arguments",
                                0,
                                0,
                                400,
                                "(?i)[\\w.=]{1,40}\\(\\s*(?:(?:user(?:name)?|login)\\s*[:=]\\s*)?[\"'][^\"'\\r\\n]{1,128}[\"']"
                                        + "\\s*,\\s*(?:(?:password|passwd|pass|pwd)\\s*[:=]\\s*)?[\"']([^\"'\\r\\n]{2,128})[\"']",
                                "networkcredential(",
                                "passwordauthentication(",
                                "usernamepasswordcredentials(",
                                "usernamepasswordtoken(",
                                "usernamepasswordauthenticationtoken(",
                                "httpbasicauth(",
                                "httpdigestauth(",
                                "basicauth(",
                                "basiccredentials(",
                                "pscredential(",
                                "smtp.login(",
                                "ftp.login(",
                                "auth=(")
                        .startingAtKeyword(),
                // new DirectoryEntry("LDAP://...", "user", "password")
                tokenAround(
                                "directory-entry-password",
                                0,
                                0,
                                600,
                                "(?i)directoryentry\\(\\s*[\"'][^\"'\\r\\n]{0,256}[\"']\\s*,\\s*[\"'][^\"'\\r\\n]{1,128}[\"']"
                                        + "\\s*,\\s*[\"']([^\"'\\r\\n]{1,128})[\"']",
                                "directoryentry(")
                        .startingAtKeyword(),
                // <add key="SmtpPassword" value="..."/> (.NET appSettings and similar)
                tokenAround(
                                "xml-setting-password",
                                0,
                                0,
                                400,
                                "(?i)<add[ \\t]+(?:key|name)\\s*=\\s*[\"'][\\w.:-]{0,60}"
                                        + "(?:password|passwd|pwd|secret|token|apikey|api_key|accesskey)[\\w.:-]{0,30}[\"']"
                                        + "\\s+value\\s*=\\s*[\"']([^\"'\\r\\n<>]{4,256})[\"']",
                                "<add ")
                        .startingAtKeyword(),
                // Server=...;User Id=...;Password=...; (ADO.NET, ODBC, JDBC-style key=value connection strings)
                tokenAround(
                                "connection-string-password",
                                0,
                                300,
                                200,
                                "(?i)(?:^|[;\"'\\s])(?:password|pwd)[ \\t]*=[ \\t]*([^;\"'\\s\\\\#{$%<][^;\"'\\s\\\\]{0,127})",
                                "password",
                                "pwd")
                        .requiring(
                                "(?i)(?:server|data source|host|uid|user id|database|initial catalog|provider|driver"
                                        + "|dsn)[ \\t]*=[^;\\r\\n]{0,200};",
                                "server",
                                "data source",
                                "host",
                                "uid",
                                "user id",
                                "database",
                                "initial catalog",
                                "provider",
                                "driver",
                                "dsn"),
                // {"method": "auth.login...", "params": ["user", "secret"]}
                tokenAround(
                                "jsonrpc-credential-params",
                                0,
                                400,
                                400,
                                "\"params\"\\s*:\\s*\\[\\s*(?:\"[^\"\\r\\n]{1,128}\"\\s*,\\s*)?\"([^\"\\r\\n]{8,256})\"\\s*\\]",
                                "\"params\"")
                        .requiring(
                                "(?i)\"method\"\\s*:\\s*\"[^\"\\r\\n]{0,80}(?:login|auth|token|apikey|api_key|password)",
                                "\"method\""),
                // the password is "..." / the password for user 'x' is 'y' / the password for the staging admin
                // account is 'y': up to PROSE_WORDS words (each up to 40 chars, optionally quoted) after for/of
                tokenAround(
                                "prose-password",
                                0,
                                0,
                                200,
                                "(?i)(?:password|passphrase|passwort|contraseña|mot de passe)"
                                        + "(?:[ \\t]+(?:for|of)(?:[ \\t]+[\"']?[^\\r\\n\"' \\t]{1,40}[\"']?){1,"
                                        + PROSE_WORDS + "})?"
                                        + "[ \\t]+(?:is|was|is set to|should be|will be|must be)[ \\t]*:?[ \\t]*"
                                        + "[\"'\u201C\u2018]([^\"'\u201D\u2019\\r\\n]{3,64})[\"'\u201D\u2019]",
                                "password",
                                "passphrase",
                                "passwort",
                                "contraseña",
                                "mot de passe")
                        .startingAtKeyword()
                        .withConfidence(0.7));
    }
}
