package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRule.token;
import static dev.clearance.internal.detect.secret.SecretRule.tokenAround;

import java.util.ArrayList;
import java.util.List;

/**
 * The table of credential formats. Formats are described by the vendors' published prefixes, alphabets and
 * lengths (most follow the conventions popularised by gitleaks and trufflehog, whose rule ids we reuse).
 * Special scanners that are not a single pattern (generic assignments, passwords, URLs with credentials, private
 * key blocks) live in {@link SecretDetector}.
 */
public final class SecretRules {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String HEX32 = "[a-f0-9]{32}";

    private SecretRules() {}

    public static List<SecretRule> all() {
        List<SecretRule> all = new ArrayList<>(PlatformTokenRules.rules());
        all.addAll(ServiceTokenRules.rules());
        all.addAll(DeveloperTokenRules.rules());
        all.addAll(PasswordHashRules.rules());
        all.addAll(CredentialSyntaxRules.rules());
        all.addAll(BuildToolCredentialRules.rules());
        all.addAll(List.of(
                // ---- tokens, headers and manifests
                token(
                        "jwt",
                        3,
                        "ey[A-Za-z0-9_-]{17,}\\.ey[A-Za-z0-9_/\\\\-]{17,}\\.(?:[A-Za-z0-9_/\\\\-]{10,}={0,2})?",
                        "ey"),
                token("jwt-base64", 2, "ZXlK[A-Za-z0-9+/_-]{60,}={0,2}", "zxlk"),
                tokenAround(
                                "authorization-header",
                                2.75,
                                0,
                                400,
                                "(?i)(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?\\s*"
                                        + "(?:(?:basic|bearer|token|api-?token|apikey|digest|[a-z][a-z0-9_-]{1,30})[ \\t]+)?"
                                        + "([\\w=~@.+/-]{8,})",
                                "authorization")
                        .startingAtKeyword(),
                tokenAround(
                                "curl-auth-header",
                                2.75,
                                0,
                                300,
                                "(?i)(?:-H|--header)(?:=|[ \\t]{0,5})[\"'](?:authorization:[ \\t]{0,5}(?:(?:basic|bearer|(?:api-)?token)[ \\t]+)?"
                                        + "|(?:x-(?:[a-z]+-)?)?(?:api-?)?(?:key|token):[ \\t]{0,5})([\\w=~@.+/-]{8,})[\"']",
                                "-h \"",
                                "-h '",
                                "--header")
                        .startingAtKeyword(),
                // multi-part credentials: the password of a command line, the secret column of a credentials CSV
                tokenAround(
                                "curl-auth-user",
                                0,
                                0,
                                400,
                                "(?i)curl\\b[^\\r\\n]{0,256}?[ \\t](?:-u|--user|--proxy-user)(?:=|[ \\t]{1,5})[\"']?"
                                        + "([^\\s:\"'@]{1,64}:[^\\s\"']{3,128})",
                                "curl")
                        .startingAtKeyword(),
                tokenAround(
                                "sshpass-password",
                                0,
                                0,
                                200,
                                "(?i:sshpass)[ \\t]+-p[ \\t]*[\"']?([^\\s\"'-][^\\s\"']{2,127})",
                                "sshpass")
                        .startingAtKeyword(),
                tokenAround(
                                "mysql-cli-password",
                                0,
                                0,
                                400,
                                "(?i:mysql(?:dump|admin|sh)?|mariadb)\\b[^\\r\\n]{0,256}?[ \\t](?:-p|--password=)[\"']?"
                                        + "([^\\s\"'-][^\\s\"']{2,127})",
                                "mysql",
                                "mariadb")
                        .startingAtKeyword(),
                tokenAround(
                                "aws-credentials-csv",
                                3,
                                0,
                                600,
                                "(?i)secret access key[^\\r\\n]*\\r?\\n(?:[^\\r\\n]*,)?(?:AKIA|ASIA)[A-Z0-9]{16},"
                                        + "([A-Za-z0-9/+]{40})",
                                "secret access key")
                        .startingAtKeyword(),
                tokenAround(
                                "credentials-csv-password",
                                0,
                                0,
                                600,
                                "(?i)user name,password,[^\\r\\n]*\\r?\\n[^,\\r\\n]*,([^,\\r\\n]{6,128}),",
                                "user name,password")
                        .startingAtKeyword(),
                tokenAround(
                                "api-key-header",
                                2.75,
                                0,
                                200,
                                "(?i)(?:x-(?:[a-z]+-)?)?(?:api-?key|auth-?token|access-?token)[\"']?:[ \\t]{0,5}[\"']?([\\w=~@.+/-]{8,})",
                                "x-api-key",
                                "api-key:",
                                "x-auth-token",
                                "x-access-token")
                        .startingAtKeyword(),
                tokenAround(
                                "kubernetes-secret-yaml",
                                0,
                                400,
                                400,
                                "(?i)\\bdata:[ \\t]*\\r?\\n(?:[ \\t]*#[^\\n]*\\n)*[ \\t]+([\\w.-]+:[ \\t]*(?:(?:\\||>[-+]?)\\s+)?[\"']?[a-z0-9+/]{10,}={0,3}[\"']?)",
                                "data:")
                        .requiring("(?i)\\bkind:[ \\t]*[\"']?secret\\b", "kind:")));
        return List.copyOf(all);
    }
}
