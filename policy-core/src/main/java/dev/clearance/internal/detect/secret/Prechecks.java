package dev.clearance.internal.detect.secret;

import dev.clearance.internal.detect.Text;

/**
 * Hand-written structural pre-checks of the credential-syntax and configuration rules: a necessary condition of a
 * rule's match at (or around) one keyword hit, read off the rule's pattern, that rejects a hit without running RE2
 * when the structure cannot be there (no operator or value after a flag, no closing quote, no required literal in
 * the window). A check may accept a hit the pattern then rejects, never reject one it would match. Without them
 * every hit of a dense run of keywords ({@code --password --password ...}) pays a failed RE2 match over a window
 * of a few hundred chars.
 *
 * <p>Checks that look for a literal ahead remember, per literal, where its next occurrence is (hits come in text
 * order), so that a dense run costs linear time in all. One instance per scan, allocated at the first check.
 */
final class Prechecks {
    static final int NONE = 0;
    private static final int PROSE = 1;
    private static final int CLI_FLAG = 2;
    private static final int CONNECTION_STRING = 3;
    private static final int GRADLE = 4;
    private static final int CISCO_7 = 5;
    private static final int SECURE_STRING = 6;
    private static final int NETRC = 7;
    private static final int XML_SETTING = 8;
    private static final int API_KEY_HEADER = 9;
    private static final int CURL_HEADER = 10;
    private static final int CLI_USER = 11;
    private static final int MAVEN_PASSWORD = 12;
    private static final int MAVEN_PASSPHRASE = 13;
    private static final int PYPIRC = 14;
    private static final int NPMRC = 15;
    private static final int CREDENTIAL_ARGUMENTS = 16;
    private static final int DJANGO = 17;
    private static final int NUGET = 18;
    private static final int AUTHORIZATION_HEADER = 19;

    /** Literals looked for ahead (lower case; matched ignoring case as RE2's {@code (?i)} does). */
    private static final String[] LITERALS = {"-asplaintext", "<password>", "<passphrase>", "password"};

    private static final int LIT_ASPLAINTEXT = 0;
    private static final int LIT_PASSWORD_ELEMENT = 1;
    private static final int LIT_PASSPHRASE_ELEMENT = 2;
    private static final int LIT_PASSWORD = 3;

    private final char[] c;
    private final int n;
    private final ScanState st;
    private final int[] literalFrom = new int[LITERALS.length];
    private final int[] literalAt = new int[LITERALS.length];

    Prechecks(ScanState st) {
        this.st = st;
        this.c = st.chars;
        this.n = st.n;
        java.util.Arrays.fill(literalFrom, -1);
    }

    /** The pre-check of rule {@code id}, or {@link #NONE}. */
    static int of(String id) {
        return switch (id) {
            case "prose-password" -> PROSE;
            case "cli-password-flag" -> CLI_FLAG;
            case "connection-string-password" -> CONNECTION_STRING;
            case "gradle-properties-password" -> GRADLE;
            case "cisco-type7-password" -> CISCO_7;
            case "powershell-securestring-password" -> SECURE_STRING;
            case "netrc-password" -> NETRC;
            case "xml-setting-password" -> XML_SETTING;
            case "api-key-header" -> API_KEY_HEADER;
            case "curl-auth-header" -> CURL_HEADER;
            case "cli-user-password" -> CLI_USER;
            case "maven-settings-password" -> MAVEN_PASSWORD;
            case "maven-settings-passphrase" -> MAVEN_PASSPHRASE;
            case "pypirc-password" -> PYPIRC;
            case "npmrc-auth" -> NPMRC;
            case "credential-arguments" -> CREDENTIAL_ARGUMENTS;
            case "django-secret-key" -> DJANGO;
            case "nuget-config-password" -> NUGET;
            case "authorization-header" -> AUTHORIZATION_HEADER;
            default -> NONE;
        };
    }

    /**
     * Whether rule check {@code kind} can match at keyword hit {@code [start, end)} within the window ending at
     * {@code we}.
     */
    boolean mayMatch(int kind, int start, int end, int we) {
        st.work += 1;
        return switch (kind) {
            case PROSE -> prose(end);
            case CLI_FLAG -> cliFlag(end);
            case CONNECTION_STRING -> connectionString(start, end);
            case GRADLE -> gradle(start, end);
            case CISCO_7 -> cisco7(end);
            case SECURE_STRING -> ahead(LIT_ASPLAINTEXT, end, we);
            case NETRC -> netrc(end);
            case XML_SETTING -> xmlSetting(end);
            case API_KEY_HEADER -> apiKeyHeader(end);
            case CURL_HEADER -> curlHeader(end);
            case CLI_USER -> cliUser(end);
            case MAVEN_PASSWORD -> ahead(LIT_PASSWORD_ELEMENT, end, we);
            case MAVEN_PASSPHRASE -> ahead(LIT_PASSPHRASE_ELEMENT, end, we);
            case PYPIRC -> ahead(LIT_PASSWORD, start, we);
            case NPMRC -> npmrc(start, end);
            case CREDENTIAL_ARGUMENTS -> credentialArguments(end);
            case DJANGO -> django(end);
            case NUGET -> nuget(end, we);
            case AUTHORIZATION_HEADER -> authorizationHeader(end);
            default -> true;
        };
    }

    // ---- the checks, each read off its rule's pattern

    /**
     * {@code ["']?\s*[:=]} right after {@code authorization} (matched at the keyword, so {@code (?:proxy-)?} is not
     * there): the name written as a word ({@code "Authorization", "Bearer " + token}) is rejected without RE2.
     */
    private boolean authorizationHeader(int i) {
        if (i < n && (c[i] == '"' || c[i] == '\'')) {
            i++;
        }
        i = spaces(i);
        return i < n && (c[i] == ':' || c[i] == '=');
    }

    /** {@code [ \t]+(?:for|of|is|was|should|will|must)...} */
    private boolean prose(int i) {
        int j = blanks(i);
        if (j == i) {
            return false;
        }
        return wordAt(j, "for")
                || wordAt(j, "of")
                || wordAt(j, "is")
                || wordAt(j, "was")
                || wordAt(j, "should")
                || wordAt(j, "will")
                || wordAt(j, "must");
    }

    /** {@code (?:=|[ \t]+)["']?} then a value: {@code [^\s"'$%(<{#-][^\s"']{2,}}. */
    private boolean cliFlag(int i) {
        if (i < n && c[i] == '=') {
            i++;
        } else {
            int j = blanks(i);
            if (j == i) {
                return false;
            }
            i = j;
        }
        if (i < n && (c[i] == '"' || c[i] == '\'')) {
            i++;
        }
        return i + 3 <= n
                && "$%(<{#-".indexOf(c[i]) < 0
                && valueChar(c[i])
                && valueChar(c[i + 1])
                && valueChar(c[i + 2]);
    }

    /** {@code (?:^|[;"'\s])} keyword {@code [ \t]*=[ \t]*[^;"'\s\\#{$%<]}. */
    private boolean connectionString(int start, int end) {
        if (start > 0) {
            char b = c[start - 1];
            if (!(b == ';' || b == '"' || b == '\'' || isRe2Space(b))) {
                return false;
            }
        }
        int i = blanks(end);
        if (i >= n || c[i] != '=') {
            return false;
        }
        i = blanks(i + 1);
        return i < n && !isRe2Space(c[i]) && ";\"'\\#{$%<".indexOf(c[i]) < 0;
    }

    /** {@code [A-Za-z][\w.-]{0,80}(?:[Pp]assword|PASSWORD)[ \t]*[=:][ \t]*[^\s$]}. */
    private boolean gradle(int start, int end) {
        if (end - start != 8 || start == 0) {
            return false;
        }
        char b = c[start - 1];
        if (!(Text.isWordChar(b) || b == '.' || b == '-')) {
            return false;
        }
        boolean lowerTail = true;
        boolean upper = true;
        for (int k = 1; k < 8; k++) {
            char x = c[start + k];
            lowerTail &= x == "password".charAt(k);
            upper &= x == "PASSWORD".charAt(k);
        }
        if (!(lowerTail && (c[start] == 'p' || c[start] == 'P') || upper && c[start] == 'P')) {
            return false;
        }
        int i = blanks(end);
        if (i >= n || c[i] != '=' && c[i] != ':') {
            return false;
        }
        i = blanks(i + 1);
        return i < n && !isRe2Space(c[i]) && c[i] != '$';
    }

    /** After {@code password 7 }: {@code [ \t]*[0-9][0-9][0-9A-F]{2}}. */
    private boolean cisco7(int i) {
        i = blanks(i);
        return i + 4 <= n
                && Text.isDigit(c[i])
                && Text.isDigit(c[i + 1])
                && Text.isHex(c[i + 2])
                && Text.isHex(c[i + 3]);
    }

    /** {@code machine[ \t]+[\w.:-]{1,253}\s+(?:login|password)}. */
    private boolean netrc(int i) {
        int j = blanks(i);
        if (j == i) {
            return false;
        }
        int h = j;
        while (h < n && h - j <= 253 && (nameChar(c[h]) || c[h] == ':')) {
            h++;
        }
        if (h == j || h - j > 253) {
            return false;
        }
        int s = h;
        while (s < n && isRe2Space(c[s])) {
            s++;
        }
        return s > h && (wordAt(s, "login") || wordAt(s, "password"));
    }

    /**
     * After {@code <add }: {@code [ \t]*(?:key|name)\s*=\s*["'][\w.:-]{0,100}["']\s+value\s*=\s*["']} and four value
     * chars {@code [^"'\r\n<>]} then a quote.
     */
    private boolean xmlSetting(int i) {
        i = blanks(i);
        if (wordAt(i, "key")) {
            i += 3;
        } else if (wordAt(i, "name")) {
            i += 4;
        } else {
            return false;
        }
        i = spaces(i);
        if (i >= n || c[i] != '=') {
            return false;
        }
        i = spaces(i + 1);
        if (i >= n || c[i] != '"' && c[i] != '\'') {
            return false;
        }
        int name = ++i;
        while (i < n && i - name <= 100 && (nameChar(c[i]) || c[i] == ':')) {
            i++;
        }
        if (i >= n || i - name > 100 || c[i] != '"' && c[i] != '\'') {
            return false;
        }
        int j = spaces(i + 1);
        if (j == i + 1 || !wordAt(j, "value")) {
            return false;
        }
        j = spaces(j + 5);
        if (j >= n || c[j] != '=') {
            return false;
        }
        j = spaces(j + 1);
        if (j >= n || c[j] != '"' && c[j] != '\'') {
            return false;
        }
        int v = ++j;
        while (j < n && j - v <= 256 && "\"'\r\n<>".indexOf(c[j]) < 0) {
            j++;
        }
        return j < n && j - v >= 4 && (c[j] == '"' || c[j] == '\'');
    }

    /** After the header name: {@code ["']?:[ \t]{0,5}["']?} and eight value chars {@code [\w=~@.+/-]}. */
    private boolean apiKeyHeader(int i) {
        if (c[i - 1] != ':') {
            if (i < n && (c[i] == '"' || c[i] == '\'')) {
                i++;
            }
            if (i >= n || c[i] != ':') {
                return false;
            }
            i++;
        }
        int j = i;
        while (j < n && j - i < 5 && (c[j] == ' ' || c[j] == '\t')) {
            j++;
        }
        if (j < n && (c[j] == '"' || c[j] == '\'')) {
            j++;
        }
        return headerValueRun(j) >= 8;
    }

    /**
     * After {@code -H '} or {@code --header}: the opening quote, a header name up to its {@code :},
     * {@code [ \t]{0,5}}, an optional scheme word and blanks, and eight value chars {@code [\w=~@.+/-]}.
     */
    private boolean curlHeader(int i) {
        if (c[i - 1] != '"' && c[i - 1] != '\'') {
            // --header: (?:=|[ \t]{0,5})["']
            if (i < n && c[i] == '=') {
                i++;
            } else {
                int j = i;
                while (j < n && j - i < 5 && (c[j] == ' ' || c[j] == '\t')) {
                    j++;
                }
                i = j;
            }
            if (i >= n || c[i] != '"' && c[i] != '\'') {
                return false;
            }
            i++;
        }
        int colon = i;
        while (colon < n
                && colon - i <= 64
                && (Text.isLetter(c[colon]) || c[colon] == '-' || isFoldedLetter(c[colon]))) {
            colon++;
        }
        if (colon >= n || c[colon] != ':') {
            return false;
        }
        int j = colon + 1;
        while (j < n && j - colon - 1 < 5 && (c[j] == ' ' || c[j] == '\t')) {
            j++;
        }
        int run = headerValueRun(j);
        if (run >= 8) {
            return true;
        }
        int after = j + run;
        int k = blanks(after);
        return k > after && run > 0 && headerValueRun(k) >= 8;
    }

    /**
     * After {@code -u }: {@code [ \t]*["']?[^\s"']{1,64}["']?[ \t]+-p[ \t]*["']?} then a value
     * {@code [^\s"'$%(<{#-][^\s"']{2,}}.
     */
    private boolean cliUser(int i) {
        i = blanks(i);
        if (i < n && (c[i] == '"' || c[i] == '\'')) {
            i++;
        }
        int u = i;
        while (i < n && i - u <= 64 && valueChar(c[i])) {
            i++;
        }
        if (i == u || i - u > 64) {
            return false;
        }
        if (i < n && (c[i] == '"' || c[i] == '\'')) {
            i++;
        }
        int j = blanks(i);
        if (j == i || j + 2 > n || c[j] != '-' || (c[j + 1] | 0x20) != 'p') {
            return false;
        }
        return cliValue(blanks(j + 2));
    }

    /** {@code ["']?[^\s"'$%(<{#-][^\s"']{2,}} at {@code i}. */
    private boolean cliValue(int i) {
        if (i < n && (c[i] == '"' || c[i] == '\'')) {
            i++;
        }
        return i + 3 <= n
                && "$%(<{#-".indexOf(c[i]) < 0
                && valueChar(c[i])
                && valueChar(c[i + 1])
                && valueChar(c[i + 2]);
    }

    /**
     * {@code (?:_auth(?:token)?|:_password)[ \t]*=[ \t]*["']?} and eight value chars {@code [A-Za-z0-9+/._~-]}.
     */
    private boolean npmrc(int start, int end) {
        int i = end;
        if (c[start] == '_' && wordAt(i, "token")) {
            // _authToken: the longer alternative; the shorter one (_auth) is tried too
            if (npmrcValue(i + 5)) {
                return true;
            }
        }
        return npmrcValue(i);
    }

    private boolean npmrcValue(int i) {
        i = blanks(i);
        if (i >= n || c[i] != '=') {
            return false;
        }
        i = blanks(i + 1);
        if (i < n && (c[i] == '"' || c[i] == '\'')) {
            i++;
        }
        int j = i;
        while (j < n && j - i < 8 && (Text.isAsciiAlnum(c[j]) || "+/._~-".indexOf(c[j]) >= 0 || isFoldedLetter(c[j]))) {
            j++;
        }
        return j - i >= 8;
    }

    /**
     * After {@code name(}: {@code \s*(?:(?:user(?:name)?|login)\s*[:=]\s*)?["'][^"'\r\n]{1,128}["']\s*,\s*}
     * {@code (?:(?:password|passwd|pass|pwd)\s*[:=]\s*)?["']} and two value chars {@code [^"'\r\n]}.
     */
    private boolean credentialArguments(int i) {
        i = namedArgument(spaces(i));
        if (i >= n || c[i] != '"' && c[i] != '\'') {
            return false;
        }
        int a = ++i;
        while (i < n && i - a <= 128 && "\"'\r\n".indexOf(c[i]) < 0) {
            i++;
        }
        if (i >= n || i == a || i - a > 128 || c[i] != '"' && c[i] != '\'') {
            return false;
        }
        i = spaces(i + 1);
        if (i >= n || c[i] != ',') {
            return false;
        }
        i = namedArgument(spaces(i + 1));
        if (i >= n || c[i] != '"' && c[i] != '\'') {
            return false;
        }
        return i + 3 <= n && "\"'\r\n".indexOf(c[i + 1]) < 0 && "\"'\r\n".indexOf(c[i + 2]) < 0;
    }

    /** Skips {@code word\s*[:=]\s*} at {@code i} when there is one (a named argument); else {@code i}. */
    private int namedArgument(int i) {
        int j = i;
        while (j < n && j - i < 16 && (Text.isLetter(c[j]) || isFoldedLetter(c[j]))) {
            j++;
        }
        if (j == i) {
            return i;
        }
        int k = spaces(j);
        if (k < n && (c[k] == ':' || c[k] == '=')) {
            return spaces(k + 1);
        }
        return j; // a word that is not a named argument: the pattern needs a quote here, which this is not
    }

    /** {@code django-insecure-[a-z0-9!@#$%^&*(=+)_-]{40,60}}, not followed by a word char. */
    private boolean django(int i) {
        int j = i;
        while (j < n && j - i <= 60 && djangoChar(c[j])) {
            j++;
        }
        int run = j - i;
        if (run < 40) {
            return false;
        }
        return run <= 60 || !Text.isWordChar(c[i + 60]);
    }

    private static boolean djangoChar(char x) {
        return x >= 'a' && x <= 'z' || x >= '0' && x <= '9' || "!@#$%^&*(=+)_-".indexOf(x) >= 0;
    }

    /**
     * After {@code <add key=}: {@code "(?:cleartext)?password"\s*value="([^"\r\n]{8,})"} within the window. A value
     * holding {@code <} or {@code >} matches but is never reported (the placeholder check rejects it, and the rule
     * is not one whose format rules out a template), so it is rejected here too.
     */
    private boolean nuget(int i, int we) {
        if (i >= n || c[i] != '"') {
            return false;
        }
        i++;
        if (wordAt(i, "cleartext")) {
            i += 9;
        }
        if (!wordAt(i, "password") || i + 8 >= n || c[i + 8] != '"') {
            return false;
        }
        i = spaces(i + 9);
        if (!wordAt(i, "value") || i + 7 > n || c[i + 5] != '=' || c[i + 6] != '"') {
            return false;
        }
        int v = i + 7;
        int j = v;
        while (j < we && c[j] != '"' && c[j] != '\r' && c[j] != '\n') {
            if (c[j] == '<' || c[j] == '>') {
                return false;
            }
            j++;
        }
        return j < we && c[j] == '"' && j - v >= 8;
    }

    // ---- helpers

    /** Whether literal {@code k} occurs in {@code [from, we)} (remembered per literal: hits come in order). */
    private boolean ahead(int k, int from, int we) {
        String literal = LITERALS[k];
        if (literalFrom[k] < 0 || from < literalFrom[k] || literalAt[k] >= 0 && from > literalAt[k]) {
            literalFrom[k] = from;
            literalAt[k] = indexOf(literal, from);
        }
        int at = literalAt[k];
        return at >= 0 && at + literal.length() <= we;
    }

    private int indexOf(String literal, int from) {
        int len = literal.length();
        for (int i = from, last = n - len; i <= last; i++) {
            st.work += 1;
            if (wordAt(i, literal)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether lower-case {@code word} is at {@code i}, ignoring case as RE2's {@code (?i)} does. */
    private boolean wordAt(int i, String word) {
        if (i < 0 || i + word.length() > n) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char x = c[i + k];
            char w = word.charAt(k);
            if (x != w
                    && !(w >= 'a' && w <= 'z' && x == w - 32)
                    && !(w == 's' && x == '\u017F')
                    && !(w == 'k' && x == '\u212A')) {
                return false;
            }
        }
        return true;
    }

    /** The length of the run of {@code [\w=~@.+/-]} at {@code i} (chars RE2 folds into it counted too). */
    private int headerValueRun(int i) {
        int j = i;
        while (j < n && j - i < 8 && (Text.isWordChar(c[j]) || "=~@.+/-".indexOf(c[j]) >= 0 || isFoldedLetter(c[j]))) {
            j++;
        }
        return j - i;
    }

    /** {@code [\w.-]}, with the chars RE2's {@code (?i)} may fold into it. */
    private static boolean nameChar(char x) {
        return Text.isWordChar(x) || x == '.' || x == '-' || isFoldedLetter(x);
    }

    /** The long s and the Kelvin sign, which RE2's {@code (?i)} folds into {@code s} and {@code k}. */
    private static boolean isFoldedLetter(char x) {
        return x == '\u017F' || x == '\u212A';
    }

    /** {@code [^\s"']}. */
    private static boolean valueChar(char x) {
        return !isRe2Space(x) && x != '"' && x != '\'';
    }

    /** Past {@code [ \t]*} at {@code i}. */
    private int blanks(int i) {
        while (i < n && (c[i] == ' ' || c[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** Past RE2's {@code \s*} at {@code i}. */
    private int spaces(int i) {
        while (i < n && isRe2Space(c[i])) {
            i++;
        }
        return i;
    }

    /** RE2's {@code \s}: {@code [\t\n\f\r ]}. */
    static boolean isRe2Space(char x) {
        return x == ' ' || x == '\t' || x == '\n' || x == '\f' || x == '\r';
    }
}
