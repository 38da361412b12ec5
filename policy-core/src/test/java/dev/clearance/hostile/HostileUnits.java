package dev.clearance.hostile;

import java.util.List;

/**
 * Hostile inputs shared by the tests and the benchmarks: repeating units that each target one recognizer's worst
 * case (keywords, prefixes, separators, escapes, joins). {@code AdversarialInputTest} scans each repeated to 50 KB,
 * {@code LinearWorkTest} counts their work per char, and the benchmarks' {@code AdversarialScan} times them at steady
 * state against the 10 ms bound. In the test jar, so the benchmarks read the same list.
 */
public final class HostileUnits {
    private HostileUnits() {}

    /** The size {@code AdversarialInputTest} and the benchmark repeat each unit to. */
    public static final int SIZE = 50 * 1024;

    /** One unit per line of attack; see the class comment. */
    public static final List<String> UNITS = List.of(
            "a",
            "0",
            " ",
            "\n",
            "sk-",
            "AKIA",
            "a@",
            "1.",
            "1:",
            "::",
            "ghp_",
            "-----BEGIN PRIVATE KEY-----",
            "key=",
            "password: ",
            "http://",
            "ab://x:y@",
            "xoxb-1-",
            "eyJ",
            "eyJhbGciOi.",
            "+1 ",
            "(1) ",
            "DE89 ",
            "AB 12 34 56 ",
            "ab-12-",
            "-",
            "=",
            "\"",
            "www.",
            "a.b.",
            "%",
            "ZXlK",
            "q~",
            "Authorization: Bearer ",
            "data:\n kind: secret\n",
            "sk-sk-",
            "a@a@",
            "1.1.1.1.",
            "password=",
            "-----BEGIN",
            "://",
            "api_key = \"",
            "-H 'x-api-key: ",
            "<add key=\"password\" value=\"",
            "_gitlab_session=",
            // second-wave evasions: references, escapes, nested encodings, invisible code points
            "&#65;",
            "&#x41",
            "&commat;",
            "\\u0041",
            "\\u{41}",
            "\\x41",
            "%2541",
            "%25",
            "\u00A0",
            "e\u0301",
            "\uDB40\uDC41",
            "\u0663",
            "UVVGQlFVRkJRVUZC",
            "H4sIAAAAAAAA",
            "curl -u a:",
            "mysql -p",
            "sshpass -p ",
            "secret access key\n",
            // split values: wrapped lines, spaced-out chars, JWT gaps, code joins, YAML blocks
            "ab12cd34ef56gh78\n",
            "ab12cd34\\\n  ",
            "a1 ",
            "a 1 ",
            "a-1-",
            "a.1.",
            "eyJa . ",
            "eyJ\n",
            "\"a\" ",
            "\"a\", ",
            "\"\".join([\"a\", ",
            "'a' + ",
            "${\"a\"}",
            "{'a'}",
            "\"%s\", \"a\", ",
            "printf '%s' 'a' ",
            "k: >\n  a1\n",
            "k: |\n",
            "a at b dot ",
            "mail a at b dot c ",
            "1234/",
            "1234/5678/9012/3456 ",
            "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n",
            "user name,password,\n",
            "$1$",
            "$2a$05$",
            "$6$rounds=5000$",
            "$5$",
            "$krb5tgs$23$*",
            "$krb5asrep$23$",
            "$argon2id$v=19$",
            "machine a ",
            "machine a password ",
            "-u a -p ",
            "--password ",
            "-Password '",
            "NetworkCredential(\"a\", ",
            "DirectoryEntry(\"a\",\"b\", ",
            "<add key=\"pwd\" value=\"",
            "Server=a;Password=",
            "\"method\":\"auth.login\",\"params\":[\"",
            "password is '",
            "password for a b is '",
            "ConvertTo-SecureString '",
            "LS0tLS1CRUdJTi",
            "thingsboard/api/v1/",
            "/IncomingWebhook/",
            "AZDO",
            "sk-proj-T3BlbkFJ",
            "dckr_pat_",
            "password 7 ",
            "django-insecure-",
            "Authorization: SSWS ",
            "passport 12345678 ",
            "routing 1110 ",
            "SIN 135 ",
            "AB12",
            "DEUT1",
            "1 85 ",
            "987.654.",
            "11.222.333/",
            "201-555-0123x",
            "12 ext ",
            "+41 (0)",
            "12 34 56 78 90 ",
            "+1 202 555 01 ",
            "UVVGQlFVRkJRVUZC UVVG ",
            // build-tool credential blocks and the id parts of multi-part credentials
            "<server>",
            "<server><id>a</id>",
            "<password>a1",
            "_auth=",
            ":_password=",
            "[pypi]\n",
            "index-servers\n[a]\n",
            "signing.password=",
            "org.gradle.a\nbPassword=",
            "\"auths\": {\"auth\": \"",
            "client_id=a1234567 client_secret=",
            "login a password b1 ",
            "User Id=a;Password=");

    /** {@code unit} repeated to exactly {@code size} chars. */
    public static String repeat(String unit, int size) {
        return unit.repeat(size / unit.length() + 1).substring(0, size);
    }

    /** The unit as name text (test names, benchmark rows): line breaks and non-ASCII chars as escapes. */
    public static String name(String unit) {
        StringBuilder out = new StringBuilder();
        for (char c : unit.toCharArray()) {
            if (c == '\n') {
                out.append("\\n");
            } else if (c >= 0x80) {
                out.append(String.format("U+%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
