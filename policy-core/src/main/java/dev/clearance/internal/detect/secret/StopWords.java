package dev.clearance.internal.detect.secret;

import dev.clearance.internal.detect.Placeholders;
import dev.clearance.internal.detect.Text;
import java.util.Locale;

/** The stop-word lists of the assignment heuristics: names that are not of credentials, values that are words. */
final class StopWords {
    /** Parts of a name that say the value is not a credential (an id, a name, a path, a length...). */
    private static final String[] NON_SECRET_NAMES = {
        "public",
        "accessor",
        "accessib",
        "access_id",
        "accessid",
        "access-id",
        "author",
        "keyboard",
        "monkey",
        "donkey",
        "turkey",
        "hotkey",
        "keypress",
        "keycode",
        "key_code",
        "keyid",
        "key_id",
        "key-id",
        "keyname",
        "key_name",
        "keyspace",
        "keystore",
        "keyfile",
        "key_file",
        "keypair",
        "key_pair",
        "keyword",
        "keyring",
        // names that say the value is not a working credential: test code naming its counter-examples
        "nonmatching",
        "non_matching",
        "notmatching",
        "not_matching",
        "notasecret",
        "not_a_secret",
        "fake",
        "dummy",
        "bogus",
        "invalid",
        "tokenizer",
        "token_file",
        "tokenfile",
        "tokentype",
        "token_type",
        "csrf",
        "xsrf",
        "version",
        "url",
        "uri",
        "endpoint",
        "path",
        "length",
        "size",
        "count",
        "format",
        "expir",
        "ttl",
        "timeout",
        "header",
        "name",
        "secret_ref",
        "secretref",
        "hash",
        "policy",
        "level",
        "mode",
        "method",
        "_type",
        "type_",
        "label",
        "field",
        "prompt",
        "hint",
        "placeholder",
        "pattern",
        "regex",
        "algorithm",
        "rapid",
        "capital",
        "api_version",
        "apiversion",
        "primary",
        "foreign",
        "schema",
        "sequence",
        "bucket",
        "natural",
        "keyframe",
        "mesh",
        "signature",
        "key_down",
        "key_up",
        "keydown",
        "keyup",
        "keying",
        "vault",
        "source"
    };
    /** Words that make a value look like prose or code rather than a random credential. */
    private static final String[] VALUE_STOPWORDS = {
        "abcdef",
        "123456",
        "qwerty",
        "password",
        "secret",
        "token",
        "sample",
        "example",
        "test-",
        "testing",
        "default",
        "config",
        "localhost",
        "http",
        "https",
        "snapshot",
        "release",
        "version",
        "string",
        "function",
        "return",
        "module",
        "import",
        "require",
        "public",
        "private",
        "static",
        "class",
        "value",
        "undefined",
        "null",
        "true",
        "false",
        "docker",
        "github",
        "gitlab",
        "amazon",
        "google",
        "azure",
        "bearer",
        "basic",
        "client",
        "server",
        "service",
        "account",
        "session",
        "request",
        "response",
        "random"
    };

    private StopWords() {}

    /** Whether the name {@code [nameStart, nameEnd)} says its value is not a credential. */
    static boolean nonSecretName(String text, int nameStart, int nameEnd) {
        if (namesAnIdentifier(text, nameStart, nameEnd)) {
            return true;
        }
        String name = text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
        for (String word : NON_SECRET_NAMES) {
            if (name.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@code credentialsId}, {@code key_id}, {@code UserSecretsID}: names of identifiers, not secrets. */
    static boolean namesAnIdentifier(String text, int nameStart, int nameEnd) {
        int len = nameEnd - nameStart;
        if (len < 3) {
            return false;
        }
        char a = text.charAt(nameEnd - 2);
        char b = text.charAt(nameEnd - 1);
        char before = text.charAt(nameEnd - 3);
        if ((a == 'I' && (b == 'd' || b == 'D'))
                && (Text.isLetter(before) && !Text.isUpper(before)
                        || before == '_'
                        || before == '-'
                        || before == '.')) {
            return true;
        }
        return (a == 'i' || a == 'I') && (b == 'd' || b == 'D') && (before == '_' || before == '-' || before == '.');
    }

    /** Whether the value reads as a word or code rather than a random credential. */
    static boolean stopword(String text, int vs, int ve, boolean passwordValue) {
        if (passwordValue) {
            return Placeholders.containsIgnoreCase(text, vs, ve, "password") && ve - vs <= 12;
        }
        String value = text.substring(vs, ve).toLowerCase(Locale.ROOT);
        for (String w : VALUE_STOPWORDS) {
            if (value.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
