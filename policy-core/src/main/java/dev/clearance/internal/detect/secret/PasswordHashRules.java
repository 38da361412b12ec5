package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRule.tokenAround;

import java.util.List;

/**
 * Password hashes, which are offline-crackable credentials: the crypt(3) formats ({@code $1$} MD5-crypt,
 * {@code $2a$/$2b$/$2y$} bcrypt, {@code $5$}/{@code $6$} SHA-crypt, {@code $y$} yescrypt, Argon2), Cisco IOS types
 * 5 (MD5-crypt), 7 (reversible), 8 (PBKDF2) and 9 (scrypt), and Kerberos AS-REP / TGS hashes in hashcat's format.
 * Part of the table {@link SecretRules#all()} lists.
 */
final class PasswordHashRules {
    private static final String B64 = "[./0-9A-Za-z]";
    /** Rule id of Kerberos TGS hashes, whose structure {@link TokenWindows} pre-checks. */
    static final String KERBEROS_TGS = "kerberos-tgs-hash";

    private PasswordHashRules() {}

    static List<SecretRule> rules() {
        return List.of(
                hash("md5-crypt-hash", "\\$1\\$" + B64 + "{0,8}\\$" + B64 + "{22}", "$1$"),
                hash(
                        "bcrypt-hash",
                        "\\$2[abxy]?\\$[0-3][0-9]\\$" + B64 + "{53}",
                        "$2a$",
                        "$2b$",
                        "$2x$",
                        "$2y$",
                        "$2$"),
                hash("sha256-crypt-hash", "\\$5\\$(?:rounds=[0-9]{1,9}\\$)?" + B64 + "{0,16}\\$" + B64 + "{43}", "$5$"),
                hash("sha512-crypt-hash", "\\$6\\$(?:rounds=[0-9]{1,9}\\$)?" + B64 + "{0,16}\\$" + B64 + "{86}", "$6$"),
                hash("yescrypt-hash", "\\$y\\$" + B64 + "{1,16}\\$" + B64 + "{1,86}\\$" + B64 + "{43}", "$y$"),
                hash(
                        "argon2-hash",
                        "\\$argon2(?:id|i|d)\\$v=[0-9]{1,3}\\$m=[0-9]{1,10},t=[0-9]{1,5},p=[0-9]{1,3}\\$"
                                + "[A-Za-z0-9+/]{8,}\\$[A-Za-z0-9+/]{16,}",
                        "$argon2"),
                hash("cisco-type8-hash", "\\$8\\$" + B64 + "{14}\\$" + B64 + "{43}", "$8$"),
                hash("cisco-type9-hash", "\\$9\\$" + B64 + "{14}\\$" + B64 + "{43}", "$9$"),
                // "password 7 0822455D0A16" / "key 7 ..." in IOS configs: reversible, as good as plain text
                tokenAround(
                                "cisco-type7-password",
                                0,
                                0,
                                120,
                                "(?i)(?:password|secret|key|key-string)[ \\t]+7[ \\t]+([0-9][0-9][0-9A-F]{2}(?:[0-9A-F]{2}){1,40})",
                                "password 7 ",
                                "secret 7 ",
                                "key 7 ",
                                "key-string 7 ")
                        .startingAtKeyword(),
                hash(
                        "kerberos-asrep-hash",
                        "\\$krb5asrep\\$(?:[0-9]{1,2}\\$)?[^\\s:$]{1,256}:[0-9a-fA-F]{32}\\$[0-9a-fA-F]{64,}",
                        "$krb5asrep$"),
                hash(
                        KERBEROS_TGS,
                        "\\$krb5tgs\\$[0-9]{1,2}\\$[^\\s]{1,512}?\\$[0-9a-fA-F]{24,}\\$[0-9a-fA-F]{64,}",
                        "$krb5tgs$"));
    }

    private static SecretRule hash(String id, String regex, String... keywords) {
        // crypt hashes are at most ~130 chars; Kerberos tickets run to a few thousand hex digits
        int forward = id.startsWith("kerberos") ? 3000 : 200;
        return tokenAround(id, 0, 0, forward, regex, keywords).startingAtKeyword();
    }
}
