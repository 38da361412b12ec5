package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRule.tokenAround;

import java.util.List;
import java.util.Set;

/**
 * Credentials in build-tool and package-manager configuration, by each file's documented syntax: Maven
 * {@code settings.xml} servers, {@code .npmrc} auth settings, {@code .pypirc} index sections, Gradle
 * {@code gradle.properties} passwords and Docker {@code config.json} registry auths ({@code .netrc} and NuGet
 * {@code packageSourceCredentials} are in {@link CredentialSyntaxRules} and {@link PlatformTokenRules}). Part of the
 * table {@link SecretRules#all()} lists; every rule is an RE2 pattern on a bounded window around its keyword.
 */
final class BuildToolCredentialRules {
    /** Rules whose value sits in a real credential slot: a dictionary word there is reported at low confidence. */
    static final Set<String> CREDENTIAL_SLOTS = Set.of(
            "maven-settings-password",
            "maven-settings-passphrase",
            "npmrc-auth",
            "pypirc-password",
            "gradle-properties-password");

    /** Elements of a Maven {@code <server>} other than the one sought, and comments, in any order. */
    private static final String MAVEN_OTHER = "(?:<(?:id|username|privateKey|filePermissions|directoryPermissions"
            + "|configuration|password|passphrase)>[^<]{0,512}</[A-Za-z]{1,30}>\\s*|<!--[^>]{0,300}-->\\s*)*?";

    /** An element's text value: not a property reference ({@code ${env.PW}}), surrounding blanks trimmed. */
    private static final String ELEMENT_VALUE = "\\s*([^<\\s$][^<\\r\\n]{0,255}?)\\s*";

    private BuildToolCredentialRules() {}

    static List<SecretRule> rules() {
        return List.of(
                // settings.xml: <server><id>..</id><username>..</username><password>..</password></server>
                tokenAround(
                                "maven-settings-password",
                                0,
                                0,
                                700,
                                "(?i)<server>\\s*" + MAVEN_OTHER + "<password>" + ELEMENT_VALUE + "</password>",
                                "<server>")
                        .startingAtKeyword(),
                // the passphrase of the server's <privateKey> (the key itself is a file path there)
                tokenAround(
                                "maven-settings-passphrase",
                                0,
                                0,
                                700,
                                "(?i)<server>\\s*" + MAVEN_OTHER + "<passphrase>" + ELEMENT_VALUE + "</passphrase>",
                                "<server>")
                        .startingAtKeyword(),
                // .npmrc: //registry.example.org/:_authToken=..., _auth=base64(user:pass), //host/:_password=base64
                tokenAround(
                                "npmrc-auth",
                                0,
                                0,
                                300,
                                // npm tokens, UUIDs, base64 (padding only at the end): one setting, never the next
                                "(?i)(?:_auth(?:token)?|:_password)[ \\t]*=[ \\t]*[\"']?([A-Za-z0-9+/._~-]{8,256}={0,2})",
                                "_auth",
                                ":_password")
                        .startingAtKeyword(),
                // .pypirc: [pypi] / [testpypi] / [name] sections with repository, username and password
                tokenAround(
                        "pypirc-password",
                        0,
                        0,
                        2000,
                        "(?i)\\[[\\w.-]{1,64}\\][ \\t]*\\r?\\n"
                                + "(?:[ \\t]*(?:repository|username|[#;][^\\r\\n]*)?[ \\t]*(?:[:=][^\\r\\n]*)?\\r?\\n){0,8}"
                                + "[ \\t]*password[ \\t]*[:=][ \\t]*([^\\s$%][^\\s]{0,255})",
                        "[pypi]",
                        "[testpypi]",
                        "index-servers"),
                // gradle.properties: signing.password, systemProp.http.proxyPassword, ossrhPassword, ...
                tokenAround(
                                "gradle-properties-password",
                                0,
                                200,
                                300,
                                "(?m)^[ \\t]*(?:systemProp\\.)?[A-Za-z][\\w.-]{0,80}(?:[Pp]assword|PASSWORD)"
                                        + "[ \\t]*[=:][ \\t]*([^\\s$][^\\r\\n]{0,255}?)[ \\t]*\\r?$",
                                "password")
                        .requiring(
                                "(?i)\\b(?:org\\.gradle\\.|signing\\.(?:keyid|password|secretkeyringfile)"
                                        + "|systemprop\\.|org_gradle_project_)",
                                "org.gradle.",
                                "signing.",
                                "systemprop.",
                                "org_gradle_project_"),
                // Docker config.json: {"auths": {"registry": {"auth": "base64(user:pass)", "identitytoken": ".."}}}
                tokenAround(
                                "docker-config-auth",
                                0,
                                0,
                                4000,
                                "\"(?:auth|identitytoken|registrytoken)\"\\s*:\\s*\"([A-Za-z0-9+/._=-]{8,1000})\"",
                                "\"auths\"")
                        .withConfidence(0.9));
    }
}
