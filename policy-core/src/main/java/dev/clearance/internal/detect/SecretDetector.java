package dev.clearance.internal.detect;

import com.google.re2j.Matcher;
import dev.clearance.Finding;
import dev.clearance.spi.Detector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds credentials. One case-insensitive Aho-Corasick pass finds every rule keyword; only then are the rules that
 * own the keyword evaluated, on a bounded window (RE2, linear) or by hand-written scanners. Besides the table in
 * {@link SecretRules} it recognises private key blocks, credentials in URLs, password assignments and generic
 * high-entropy values assigned to key-like names.
 */
final class SecretDetector implements Detector {
    private static final int MAX_KEY_BLOCK = 64 * 1024;
    private static final int MAX_TOKEN = 8 * 1024;
    private static final int SHORT_INPUT = 256;
    /** Long-input retries allowed per scan: keeps hostile runs of token characters linear. */
    private static final int LONG_RETRIES = 64;
    private static final String[] GENERIC_KEYWORDS = {
        "access", "auth", "api", "key", "credential", "creds", "secret", "token", "passwd", "password", "pwd",
        "passphrase", "private"
    };
    private static final String[] PASSWORD_KEYWORDS = {"passwd", "password", "pwd", "passphrase"};
    /** Parts of a name that say the value is not a credential (an id, a name, a path, a length...). */
    private static final String[] NON_SECRET_NAMES = {
        "public", "accessor", "accessib", "access_id", "accessid", "access-id", "author", "keyboard", "monkey",
        "donkey", "turkey", "hotkey", "keypress", "keycode", "key_code", "keyid", "key_id", "key-id", "keyname",
        "key_name", "keyspace", "keystore", "keyfile", "key_file", "keypair", "key_pair", "keyword", "keyring",
        "tokenizer", "token_file", "tokenfile", "tokentype", "token_type", "csrf", "xsrf", "version", "url", "uri",
        "endpoint", "path", "length", "size", "count", "format", "expir", "ttl", "timeout", "header", "name",
        "secret_ref", "secretref", "hash", "policy", "level", "mode", "method", "_type", "type_", "label", "field",
        "prompt", "hint", "placeholder", "pattern", "regex", "algorithm", "rapid", "capital", "api_version",
        "apiversion", "primary", "foreign", "schema", "sequence", "bucket", "natural", "keyframe", "mesh",
        "signature", "key_down", "key_up", "keydown", "keyup", "keying", "vault", "source"
    };
    /** Words that make a value look like prose or code rather than a random credential. */
    private static final String[] VALUE_STOPWORDS = {
        "abcdef", "123456", "qwerty", "password", "secret", "token", "sample", "example", "test-", "testing",
        "default", "config", "localhost", "http", "https", "snapshot", "release", "version", "string", "function",
        "return", "module", "import", "require", "public", "private", "static", "class", "value", "undefined",
        "null", "true", "false", "docker", "github", "gitlab", "amazon", "google", "azure", "bearer", "basic",
        "client", "server", "service", "account", "session", "request", "response", "random"
    };

    private final List<SecretRule> rules;
    private final AhoCorasick automaton;
    private final int[][] rulesOf;          // keyword index -> rule indices
    private final boolean[] generic;        // keyword index -> generic assignment keyword
    private final boolean[] password;       // keyword index -> password keyword
    private final int urlKeyword;
    private final int pemKeyword;

    SecretDetector(List<SecretRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, Integer> index = new HashMap<>();
        List<String> words = new ArrayList<>();
        List<List<Integer>> owners = new ArrayList<>();
        for (int r = 0; r < this.rules.size(); r++) {
            for (String k : this.rules.get(r).keywords()) {
                int i = intern(k, index, words, owners);
                owners.get(i).add(r);
            }
        }
        for (String k : GENERIC_KEYWORDS) {
            intern(k, index, words, owners);
        }
        urlKeyword = intern("://", index, words, owners);
        pemKeyword = intern("-----begin", index, words, owners);
        automaton = new AhoCorasick(words);
        rulesOf = new int[words.size()][];
        generic = new boolean[words.size()];
        password = new boolean[words.size()];
        for (int i = 0; i < words.size(); i++) {
            rulesOf[i] = owners.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        for (String k : GENERIC_KEYWORDS) {
            generic[index.get(k)] = true;
        }
        for (String k : PASSWORD_KEYWORDS) {
            password[index.get(k)] = true;
        }
    }

    private static int intern(String keyword, Map<String, Integer> index, List<String> words,
            List<List<Integer>> owners) {
        String k = keyword.toLowerCase(Locale.ROOT);
        Integer i = index.get(k);
        if (i == null) {
            i = words.size();
            index.put(k, i);
            words.add(k);
            owners.add(new ArrayList<>());
        }
        return i;
    }

    @Override
    public String id() {
        return "secrets";
    }

    @Override
    public void detect(String text, Consumer<Finding> sink) {
        List<Finding> found = new ArrayList<>();
        new Scan(text, found::add).run();
        List<Finding> specific = new ArrayList<>();
        for (Finding f : found) {
            if (!isFallback(f)) {
                specific.add(f);
                sink.accept(f);
            }
        }
        specific.sort(java.util.Comparator.comparingInt(Finding::start));
        int[] maxEnd = new int[specific.size()];
        for (int i = 0; i < maxEnd.length; i++) {
            maxEnd[i] = Math.max(i > 0 ? maxEnd[i - 1] : 0, specific.get(i).end());
        }
        for (Finding f : found) {
            if (isFallback(f) && !overlapsAny(specific, maxEnd, f)) {
                sink.accept(f);
            }
        }
    }

    /** Whether {@code f} overlaps one of {@code sorted} (by start), using the running maximum of their ends. */
    private static boolean overlapsAny(List<Finding> sorted, int[] maxEnd, Finding f) {
        int lo = 0;
        int hi = sorted.size() - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).start() < f.end()) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && maxEnd[last] > f.start();
    }

    /** Generic findings give way to a specific format found on the same text. */
    private static boolean isFallback(Finding f) {
        return f.rule().equals("generic-api-key") || f.rule().equals("password-assignment");
    }

    /** The state of one scan: open token windows per rule and memoised searches. */
    private final class Scan implements AhoCorasick.Hits {
        private final String text;
        private final int n;
        private final Consumer<Finding> sink;
        private final int[] openStart;
        private final int[] openEnd;
        private int longBudget = LONG_RETRIES;
        private int pemEndFrom = -1;
        private int pemEndAt = -1;

        Scan(String text, Consumer<Finding> sink) {
            this.text = text;
            this.n = text.length();
            this.sink = sink;
            this.openStart = new int[rules.size()];
            this.openEnd = new int[rules.size()];
            java.util.Arrays.fill(openEnd, -1);
        }

        void run() {
            automaton.scan(text, 0, n, this);
            for (int r = 0; r < rules.size(); r++) {
                if (openEnd[r] >= 0) {
                    runWindow(r, openStart[r], openEnd[r]);
                }
            }
        }

        @Override
        public void hit(int keyword, int start, int end) {
            if (keyword == urlKeyword) {
                urlCredentials(start);
                return;
            }
            if (keyword == pemKeyword) {
                privateKey(start);
                return;
            }
            int[] owners = rulesOf[keyword];
            int valueStart = -2;
            for (int r : owners) {
                SecretRule rule = rules.get(r);
                if (rule.kind() == SecretRule.Kind.ASSIGNED) {
                    if (valueStart == -2) {
                        valueStart = keywordShapeOk(start, end, false) ? assignedValueStart(start, end, true) : -1;
                    }
                    if (valueStart >= 0) {
                        assigned(rule, valueStart);
                    }
                } else {
                    token(r, rule, start, end);
                }
            }
            if (generic[keyword]) {
                genericAssignment(start, end, password[keyword]);
            }
        }

        // ---- token rules: windows around keyword hits, merged per rule

        private void token(int r, SecretRule rule, int start, int end) {
            if (rule.prefix()) {
                if (!Text.wordAt(text, start - 1) && (start == 0 || text.charAt(start - 1) != '.')
                        && tokenRun(start) >= 12) {
                    anchoredToken(rule, start);
                }
                return;
            }
            int ws = Math.max(0, start - rule.back());
            int we = Math.min(n, end + rule.forward());
            if (openEnd[r] >= 0 && ws <= openEnd[r]) {
                openEnd[r] = Math.max(openEnd[r], we);
                return;
            }
            if (openEnd[r] >= 0) {
                runWindow(r, openStart[r], openEnd[r]);
            }
            openStart[r] = ws;
            openEnd[r] = we;
        }

        /** A token that must start exactly at {@code start}: one anchored, bounded match. */
        private void anchoredToken(SecretRule rule, int start) {
            int e = lookingAt(rule, start);
            if (e >= 0) {
                if (e > start && !Text.wordAt(text, e) && acceptable(rule, start, e)) {
                    sink.accept(Finding.secret(rule.id(), start, e, confidence(rule, start, e)));
                }
            }
        }

        /**
         * End of the match of {@code rule} anchored at {@code start}, or -1. Tries a short input first (RE2J's
         * backtracker costs memory proportional to the input) and only retries on the long one when the short
         * match ran into its end.
         */
        private int lookingAt(SecretRule rule, int start) {
            int shortEnd = Math.min(n, start + SHORT_INPUT);
            Matcher m = rule.pattern().matcher(new Slice(text, start, shortEnd));
            boolean matched = m.lookingAt();
            if (matched && start + m.end() < shortEnd || shortEnd == n) {
                return matched ? start + m.end() : -1;
            }
            if (!Text.isWordChar(text.charAt(shortEnd - 1)) || longBudget <= 0) {
                return matched ? start + m.end() : -1;
            }
            longBudget--;
            m = rule.pattern().matcher(new Slice(text, start, Math.min(n, start + MAX_TOKEN)));
            return m.lookingAt() ? start + m.end() : -1;
        }

        private int tokenRun(int from) {
            int i = from;
            int limit = Math.min(n, from + 12);
            while (i < limit) {
                char c = text.charAt(i);
                if (!(Text.isWordChar(c) || c == '-' || c == '.' || c == '/' || c == '+' || c == '=' || c == '~'
                        || c == ':' || c == '|')) {
                    break;
                }
                i++;
            }
            return i - from;
        }

        private void runWindow(int r, int ws, int we) {
            SecretRule rule = rules.get(r);
            openEnd[r] = -1;
            Slice window = new Slice(text, ws, we);
            if (rule.context() != null && !rule.context().matcher(window).find()) {
                return;
            }
            Matcher m = rule.pattern().matcher(window);
            int pos = 0;
            while (pos < window.length() && m.find(pos)) {
                boolean grouped = m.groupCount() >= 1 && m.start(1) >= 0;
                int s = ws + (grouped ? m.start(1) : m.start());
                int e = ws + (grouped ? m.end(1) : m.end());
                pos = Math.max(m.end(), m.start() + 1);
                if (e <= s || Text.wordAt(text, e) || (!grouped && Text.wordAt(text, s - 1))) {
                    continue;
                }
                if (acceptable(rule, s, e)) {
                    sink.accept(Finding.secret(rule.id(), s, e, confidence(rule, s, e)));
                }
            }
        }

        private double confidence(SecretRule rule, int s, int e) {
            if (rule.id().startsWith("github-") && e - s == 40 && text.charAt(s + 3) == '_') {
                return Checksums.githubCrc(new Slice(text, s + 4, e - 6), new Slice(text, e - 6, e)) ? 0.99 : 0.9;
            }
            return rule.confidence();
        }

        private boolean acceptable(SecretRule rule, int s, int e) {
            return !Placeholders.isPlaceholder(text, s, e)
                    && (rule.minEntropy() <= 0 || Text.entropy(text, s, e) >= rule.minEntropy())
                    && (!rule.needsDigit() || hasDigit(s, e));
        }

        private boolean hasDigit(int s, int e) {
            for (int i = s; i < e; i++) {
                if (Text.isDigit(text.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        // ---- assignments: name = value

        /**
         * Where the value assigned to the name containing the keyword {@code [start, end)} starts, or -1: allows
         * up to 20 more name characters, closing quotes, an operator ({@code = : := => , ||}, or {@code >} closing
         * an XML element) and opening quotes (across a line break only when {@code multiline}).
         */
        private int assignedValueStart(int start, int end, boolean multiline) {
            int i = end;
            int limit = Math.min(n, end + 20);
            while (i < limit) {
                char c = text.charAt(i);
                if (Text.isWordChar(c) || c == ' ' || c == '\t' || c == '.' || c == '-') {
                    i++;
                } else {
                    break;
                }
            }
            for (int k = 0; k < 3 && i < n && isSpaceOrQuote(text.charAt(i)); k++) {
                i++;
            }
            if (i >= n) {
                return -1;
            }
            char c = text.charAt(i);
            if ((c == '?' || c == '=') && i + 1 < n && text.charAt(i + 1) == (c == '?' ? '=' : '>')) {
                i += 2;
            } else if (c == ':') {
                int j = i;
                while (j < n && j - i < 3 && text.charAt(j) == ':') {
                    j++;
                }
                i = j < n && text.charAt(j) == '=' ? j + 1 : i + 1;
            } else if (c == '=' || c == ',' || c == '>' && elementName(start)) {
                i++;
            } else if (c == '|' && i + 1 < n && text.charAt(i + 1) == '|') {
                i += 2;
            } else {
                return -1;
            }
            for (int k = 0; k < 5 && i < n && isOpening(text.charAt(i)); k++) {
                if (text.charAt(i) == '\n' && !multiline) {
                    return -1;
                }
                i++;
            }
            return i < n ? i : -1;
        }

        private boolean elementName(int keywordStart) {
            int i = keywordStart;
            while (i > 0 && keywordStart - i < 50 && isNameChar(text.charAt(i - 1))) {
                i--;
            }
            return i > 0 && text.charAt(i - 1) == '<';
        }

        private boolean isSpaceOrQuote(char c) {
            return Character.isWhitespace(c) || c == '\'' || c == '"';
        }

        private boolean isOpening(char c) {
            return Character.isWhitespace(c) || c == '\'' || c == '"' || c == '`' || c == '=';
        }

        private boolean terminated(int e) {
            if (e >= n) {
                return true;
            }
            char c = text.charAt(e);
            if (c == '\\') {
                return e + 1 < n && (text.charAt(e + 1) == 'n' || text.charAt(e + 1) == 'r');
            }
            return Character.isWhitespace(c) || c == '`' || c == '\'' || c == '"' || c == ';' || c == ','
                    || c == ')' || c == '<' || c == '}' || c == ']';
        }

        private void assigned(SecretRule rule, int vs) {
            int e = lookingAt(rule, vs);
            if (e < 0) {
                return;
            }
            if (e > vs && terminated(e) && !lettersOnly(vs, e) && acceptable(rule, vs, e)) {
                sink.accept(Finding.secret(rule.id(), vs, e, rule.confidence()));
            }
        }

        /**
         * Short keywords ({@code api}, {@code key}, {@code etsy}) must be written as a word would be: all lower,
         * all upper or capitalised, and (when {@code boundary}) start a name segment, so that {@code monkey} or
         * {@code SetSysctl} do not count.
         */
        private boolean keywordShapeOk(int start, int end, boolean boundary) {
            if (end - start > 5) {
                return true;
            }
            boolean lower = true;
            boolean upper = true;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (Text.isUpper(c)) {
                    lower = false;
                } else if (Text.isLetter(c)) {
                    upper = false;
                }
            }
            boolean capitalised = Text.isUpper(text.charAt(start)) && isLowerTail(start + 1, end);
            if (!(lower || upper || capitalised)) {
                return false;
            }
            if (!boundary || start == 0) {
                return true;
            }
            char before = text.charAt(start - 1);
            if (!Text.isLetter(before)) {
                return true;
            }
            return Text.isUpper(text.charAt(start)) && !Character.isUpperCase(before);
        }

        private boolean isLowerTail(int from, int to) {
            for (int i = from; i < to; i++) {
                if (Text.isUpper(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private void genericAssignment(int start, int end, boolean isPassword) {
            if (!keywordShapeOk(start, end, end - start <= 4)) {
                return;
            }
            int vs = assignedValueStart(start, end, false);
            if (vs < 0) {
                return;
            }
            int nameStart = start;
            while (nameStart > 0 && start - nameStart < 50 && isNameChar(text.charAt(nameStart - 1))) {
                nameStart--;
            }
            int nameEnd = end;
            while (nameEnd < n && isNameChar(text.charAt(nameEnd))) {
                nameEnd++;
            }
            char open = text.charAt(vs - 1);
            int ve;
            if (open == '"' || open == '\'' || open == '`') {
                int limit = Math.min(n, vs + 200);
                ve = vs;
                while (ve < limit && text.charAt(ve) != open && text.charAt(ve) != '\n') {
                    ve++;
                }
                if (ve >= limit || text.charAt(ve) != open) {
                    return;
                }
            } else {
                int limit = Math.min(n, vs + 200);
                ve = vs;
                while (ve < limit && !terminated(ve)) {
                    ve++;
                }
            }
            if (ve <= vs || ve - vs > 150 || looksLikeCode(vs, ve) || Placeholders.isPlaceholder(text, vs, ve)
                    || nonSecretName(nameStart, nameEnd)) {
                return;
            }
            if (isPassword) {
                if (ve - vs >= 6 && Text.entropy(text, vs, ve) >= 2.5 && !stopword(vs, ve, true)) {
                    sink.accept(Finding.secret("password-assignment", vs, ve, 0.7));
                }
                return;
            }
            if (ve - vs < 10 || ve - vs > 150 || !secretAlphabet(vs, ve) || !hasNonLetter(vs, ve)
                    || Text.entropy(text, vs, ve) < 3.5 || stopword(vs, ve, false) || identifierLike(vs, ve)) {
                return;
            }
            sink.accept(Finding.secret("generic-api-key", vs, ve, 0.6));
        }

        private boolean nonSecretName(int nameStart, int nameEnd) {
            if (namesAnIdentifier(nameStart, nameEnd)) {
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

        private boolean lettersOnly(int s, int e) {
            for (int i = s; i < e; i++) {
                if (!Text.isLetter(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** {@code credentialsId}, {@code key_id}, {@code UserSecretsID}: names of identifiers, not secrets. */
        private boolean namesAnIdentifier(int nameStart, int nameEnd) {
            int len = nameEnd - nameStart;
            if (len < 3) {
                return false;
            }
            char a = text.charAt(nameEnd - 2);
            char b = text.charAt(nameEnd - 1);
            char before = text.charAt(nameEnd - 3);
            if ((a == 'I' && (b == 'd' || b == 'D')) && (Text.isLetter(before) && !Text.isUpper(before)
                    || before == '_' || before == '-' || before == '.')) {
                return true;
            }
            return (a == 'i' || a == 'I') && (b == 'd' || b == 'D') && (before == '_' || before == '-' || before == '.');
        }

        /**
         * Values that read as names rather than random strings: dotted paths ({@code Ed25519.Signatures}), version
         * strings ({@code lib-0.11.2}), host names, or segments that are all words or short numbers
         * ({@code DOC_Vector_5_32}).
         */
        private boolean identifierLike(int vs, int ve) {
            boolean allWordish = true;
            boolean dottedLetters = true;
            boolean dot = false;
            int segStart = vs;
            for (int i = vs; i <= ve; i++) {
                char c = i < ve ? text.charAt(i) : '_';
                if (i < ve && i > vs && i + 1 < ve && c == '.' && Text.isDigit(text.charAt(i - 1))
                        && Text.isDigit(text.charAt(i + 1))) {
                    return true;
                }
                if (c == '_' || c == '-' || c == '.' || c == '=') {
                    if (c == '.') {
                        dot = true;
                    }
                    if (i > segStart) {
                        allWordish &= wordish(segStart, i);
                        dottedLetters &= Text.isLetter(text.charAt(segStart));
                    }
                    segStart = i + 1;
                }
            }
            return allWordish || dot && dottedLetters;
        }

        private boolean wordish(int s, int e) {
            int letters = 0;
            int digits = 0;
            int i = s;
            while (i < e && Text.isLetter(text.charAt(i))) {
                letters++;
                i++;
            }
            while (i < e && Text.isDigit(text.charAt(i))) {
                digits++;
                i++;
            }
            if (i < e) {
                return false;
            }
            if (letters == 0) {
                return digits <= 4;
            }
            return digits <= 2 && (letters >= 3 || digits == 0) && !mixedCaseInside(s, s + letters);
        }

        /** Random strings switch case inside a run; words are lower, upper or capitalised (camel humps allowed). */
        private boolean mixedCaseInside(int s, int e) {
            int flips = 0;
            for (int i = s + 1; i < e; i++) {
                if (Text.isUpper(text.charAt(i)) != Text.isUpper(text.charAt(i - 1))) {
                    flips++;
                }
            }
            return flips > 3;
        }

        private boolean isNameChar(char c) {
            return Text.isWordChar(c) || c == '.' || c == '-';
        }

        private boolean looksLikeCode(int vs, int ve) {
            for (int i = vs; i < ve; i++) {
                char c = text.charAt(i);
                if (c == '(' || c == '[' || c == '{' || c == ' ') {
                    return true;
                }
            }
            // dotted references such as var.db_password or this.field
            int dots = 0;
            boolean digit = false;
            for (int i = vs; i < ve; i++) {
                char c = text.charAt(i);
                if (c == '.') {
                    dots++;
                } else if (Text.isDigit(c)) {
                    digit = true;
                }
            }
            return dots > 0 && !digit && Text.isLetter(text.charAt(vs));
        }

        private boolean secretAlphabet(int vs, int ve) {
            for (int i = vs; i < ve; i++) {
                char c = text.charAt(i);
                if (!(Text.isWordChar(c) || c == '.' || c == '=' || c == '-' || c == '+' || c == '/' || c == '~')) {
                    return false;
                }
            }
            return true;
        }

        private boolean hasNonLetter(int vs, int ve) {
            for (int i = vs; i < ve; i++) {
                char c = text.charAt(i);
                if (!(Text.isLetter(c) || c == '_' || c == '.' || c == '-')) {
                    return true;
                }
            }
            return false;
        }

        private boolean stopword(int vs, int ve, boolean passwordValue) {
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

        // ---- scheme://user:password@host

        private void urlCredentials(int colon) {
            int schemeStart = colon;
            while (schemeStart > 0 && colon - schemeStart < 32) {
                char c = text.charAt(schemeStart - 1);
                if (Text.isAsciiAlnum(c) || c == '+' || c == '.' || c == '-') {
                    schemeStart--;
                } else {
                    break;
                }
            }
            if (colon - schemeStart < 2 || !Text.isLetter(text.charAt(schemeStart))) {
                return;
            }
            int userStart = colon + 3;
            int limit = Math.min(n, userStart + 256);
            int sep = -1;
            int at = -1;
            for (int i = userStart; i < limit; i++) {
                char c = text.charAt(i);
                if (c == '@') {
                    at = i;
                } else if (c == ':' && sep < 0 && at < 0) {
                    sep = i;
                } else if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>'
                        || c == '`' || Character.isWhitespace(c)) {
                    break;
                }
            }
            if (sep < 0 || at < 0 || at <= sep + 1 || at + 1 >= n || !Text.isAsciiAlnum(text.charAt(at + 1))) {
                return;
            }
            if (Placeholders.isPlaceholder(text, sep + 1, at) || isTrivialPassword(sep + 1, at)) {
                return;
            }
            sink.accept(Finding.secret("url-credentials", userStart, at, 0.9));
        }

        private boolean isTrivialPassword(int s, int e) {
            String[] trivial = {"password", "pass", "pwd", "secret", "passwd", "user", "username"};
            for (String t : trivial) {
                if (e - s == t.length() && text.regionMatches(true, s, t, 0, t.length())) {
                    return true;
                }
            }
            return false;
        }

        // ---- -----BEGIN ... PRIVATE KEY----- blocks

        private void privateKey(int begin) {
            int headerFrom = begin + 10;
            int headerEnd = -1;
            for (int i = headerFrom; i < Math.min(n, headerFrom + 100); i++) {
                if (text.startsWith("-----", i)) {
                    headerEnd = i + 5;
                    break;
                }
            }
            if (headerEnd < 0 || !Placeholders.containsIgnoreCase(text, headerFrom, headerEnd, "PRIVATE KEY")) {
                return;
            }
            int endMarker = findEndMarker(headerEnd);
            int blockEnd;
            int body;
            if (endMarker >= 0 && endMarker - headerEnd <= MAX_KEY_BLOCK) {
                body = countBase64(headerEnd, endMarker);
                blockEnd = endMarker + 8;
                int limit = Math.min(n, blockEnd + 100);
                while (blockEnd < limit && !text.startsWith("-----", blockEnd)) {
                    blockEnd++;
                }
                blockEnd = Math.min(n, blockEnd + 5);
            } else {
                blockEnd = headerEnd;
                while (blockEnd < n && blockEnd - headerEnd < MAX_KEY_BLOCK && isBase64OrSpace(blockEnd)) {
                    blockEnd++;
                }
                body = countBase64(headerEnd, blockEnd);
            }
            if (body >= 50) {
                sink.accept(Finding.secret("private-key", begin, blockEnd, 0.99));
            }
        }

        private int findEndMarker(int from) {
            if (pemEndFrom >= 0 && from >= pemEndFrom && (pemEndAt < 0 || from <= pemEndAt)) {
                return pemEndAt;
            }
            pemEndFrom = from;
            pemEndAt = indexOfIgnoreCase("-----end", from);
            return pemEndAt;
        }

        private int indexOfIgnoreCase(String needle, int from) {
            for (int i = text.indexOf('-', from); i >= 0 && i + needle.length() <= n; i = text.indexOf('-', i + 1)) {
                if (text.regionMatches(true, i, needle, 0, needle.length())) {
                    return i;
                }
            }
            return -1;
        }

        private boolean isBase64OrSpace(int i) {
            char c = text.charAt(i);
            return Text.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=' || c == '\\' || Character.isWhitespace(c);
        }

        private int countBase64(int from, int to) {
            int count = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (Text.isAsciiAlnum(c) || c == '+' || c == '/') {
                    count++;
                }
            }
            return count;
        }
    }
}
