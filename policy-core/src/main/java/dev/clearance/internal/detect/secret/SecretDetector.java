package dev.clearance.internal.detect.secret;

import dev.clearance.Finding;
import dev.clearance.internal.detect.AhoCorasick;
import dev.clearance.internal.detect.ScanText;
import dev.clearance.internal.detect.Text;
import dev.clearance.internal.detect.TextDetector;
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
 * high-entropy values assigned to key-like names: {@link TokenWindows}, {@link AssignmentHeuristics},
 * {@link UrlCredentials} and {@link PrivateKeyBlocks}, sharing one {@link ScanState}. Internal: may change at any
 * time.
 */
public final class SecretDetector implements TextDetector {
    private static final String[] GENERIC_KEYWORDS = {
        "access",
        "auth",
        "api",
        "key",
        "credential",
        "creds",
        "secret",
        "token",
        "passwd",
        "password",
        "pwd",
        "passphrase",
        "private"
    };
    private static final String[] PASSWORD_KEYWORDS = {
        "passwd",
        "password",
        "pwd",
        "passphrase",
        // the word in other languages (German, Dutch, Spanish, Portuguese, French, Polish, Czech, Swedish,
        // Finnish, Turkish, Hungarian, Russian, Japanese, Korean)
        "passwort",
        "kennwort",
        "wachtwoord",
        "contraseña",
        "contrasena",
        "senha",
        "motdepasse",
        "mot_de_passe",
        "hasło",
        "haslo",
        "heslo",
        "lösenord",
        "losenord",
        "salasana",
        "şifre",
        "sifre",
        "jelszó",
        "jelszo",
        "пароль",
        // multi-word and regional forms (French, Italian, European Portuguese, Danish, Norwegian, Croatian)
        "mot de passe",
        "parola d'ordine",
        "parola_d_ordine",
        "palavra-passe",
        "adgangskode",
        "passord",
        "lozinka",
        "パスワード",
        "비밀번호"
    };

    private final List<SecretRule> rules;
    private final com.google.re2j.Pattern[] anchored; // rule index -> its pattern anchored with ^
    private final String[] starts; // rule index -> the literal every match starts with, or null
    private final int[] offsets; // rule index -> where its keyword sits in every match, or -1
    private final int[] checks; // rule index -> its structural pre-check (Prechecks), or Prechecks.NONE
    private final TokenHead[] heads; // rule index -> the head of its anchored matches (TokenHead), or null
    private final AhoCorasick automaton;
    /** Chars that may follow a two-char keyword (lower case: the search folds case). */
    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-.~+/=";

    private final int[] keywordOf; // searched pattern -> keyword index
    private final int[] keywordLength; // keyword index -> its length
    private final int[][] rulesOf; // keyword index -> rule indices
    private final boolean[] generic; // keyword index -> generic assignment keyword
    private final boolean[] password; // keyword index -> password keyword
    private final boolean[] prefixOnly; // keyword index -> owned by prefix tokens only (and not a generic keyword)
    private final int urlKeyword;
    private final int pemKeyword;

    public SecretDetector(List<SecretRule> rules) {
        this.rules = List.copyOf(rules);
        this.anchored = new com.google.re2j.Pattern[this.rules.size()];
        for (int r = 0; r < anchored.length; r++) {
            anchored[r] = this.rules.get(r).compileAnchored();
        }
        this.starts = new String[this.rules.size()];
        this.offsets = new int[this.rules.size()];
        this.checks = new int[this.rules.size()];
        this.heads = new TokenHead[this.rules.size()];
        for (int r = 0; r < starts.length; r++) {
            starts[r] = this.rules.get(r).literalStart();
            offsets[r] = this.rules.get(r).keywordOffset();
            checks[r] = Prechecks.of(this.rules.get(r).id());
            if (this.rules.get(r).kind() == SecretRule.Kind.TOKEN) {
                heads[r] = TokenHead.of(this.rules.get(r).pattern());
            }
        }
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
        for (String k : PASSWORD_KEYWORDS) {
            intern(k, index, words, owners);
        }
        urlKeyword = intern("://", index, words, owners);
        pemKeyword = intern("-----begin", index, words, owners);
        // Keywords of two chars ("sk", "ey", "s.", "q~") are searched together with the token char that must
        // follow them (every rule with such a keyword has one there), so that the automaton's three-char filter
        // stays selective; hits are reported with the keyword's own span.
        List<String> searched = new ArrayList<>();
        List<Integer> keywordOfList = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.length() == 2) {
                for (int c = 0; c < TOKEN_CHARS.length(); c++) {
                    searched.add(w + TOKEN_CHARS.charAt(c));
                    keywordOfList.add(i);
                }
            } else {
                searched.add(w);
                keywordOfList.add(i);
            }
        }
        keywordOf = keywordOfList.stream().mapToInt(Integer::intValue).toArray();
        keywordLength = words.stream().mapToInt(String::length).toArray();
        automaton = new AhoCorasick(searched);
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
            generic[index.get(k)] = true;
            password[index.get(k)] = true;
        }
        prefixOnly = new boolean[words.size()];
        for (int i = 0; i < words.size(); i++) {
            boolean only = rulesOf[i].length > 0 && !generic[i];
            for (int r : rulesOf[i]) {
                SecretRule rule = this.rules.get(r);
                only &= rule.kind() == SecretRule.Kind.TOKEN && rule.prefix();
            }
            prefixOnly[i] = only;
        }
    }

    private static int intern(
            String keyword, Map<String, Integer> index, List<String> words, List<List<Integer>> owners) {
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

    public AhoCorasick automatonForTest() {
        return automaton;
    }

    @Override
    public String id() {
        return "secrets";
    }

    @Override
    public void detect(ScanText text, Consumer<Finding> sink) {
        detectCounting(text, sink);
    }

    /** {@link #detectCounting(ScanText, Consumer)} of {@code text}. */
    public long detectCounting(String text, Consumer<Finding> sink) {
        return detectCounting(ScanText.of(text), sink);
    }
    /**
     * Detects and returns the work done: chars handed to RE2J (windows count twice: a context check and a
     * search), chars examined by the bounded value scans, and one per keyword hit. A regression guard asserts
     * that it grows linearly with the input.
     */
    public long detectCounting(ScanText shared, Consumer<Finding> sink) {
        String text = shared.string();
        List<Finding> found = new ArrayList<>();
        Scan scan = new Scan(shared, found::add);
        scan.run();
        List<Finding> specific = new ArrayList<>();
        List<Finding> reported = new ArrayList<>();
        for (Finding f : found) {
            if (!isFallback(f)) {
                specific.add(f);
                reported.add(f);
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
                reported.add(f);
                sink.accept(f);
            }
        }
        // the id parts of multi-part credentials, next to the secret parts found
        long idWork = CredentialIdParts.find(text, shared.chars(), reported, sink);
        return scan.st.work + scan.st.hits + idWork;
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

    /** One scan: dispatches each keyword hit to the heuristics that own the keyword. */
    private final class Scan implements AhoCorasick.Hits {
        private final ScanState st;
        private final TokenWindows tokens;
        private final AssignmentHeuristics assignments;
        private final UrlCredentials urls;
        private final PrivateKeyBlocks keys;

        Scan(ScanText text, Consumer<Finding> sink) {
            this.st = new ScanState(text, sink);
            this.tokens = new TokenWindows(st, rules, anchored, starts, offsets, checks, heads);
            this.assignments = new AssignmentHeuristics(st, anchored);
            this.urls = new UrlCredentials(st);
            this.keys = new PrivateKeyBlocks(st);
        }

        void run() {
            automaton.scan(st.chars, 0, 0, st.n, this);
            urls.finish();
            tokens.finish();
        }

        @Override
        public void hit(int pattern, int start, int patternEnd) {
            st.hits++;
            int keyword = keywordOf[pattern];
            int end = start + keywordLength[keyword];
            if (keyword == urlKeyword) {
                urls.find(start);
                return;
            }
            if (keyword == pemKeyword) {
                keys.find(start);
                return;
            }
            if (prefixOnly[keyword]
                    && start > 0
                    && (Text.isWordChar(st.chars[start - 1]) || st.chars[start - 1] == '.')) {
                return; // inside a word: no prefix token starts here (TokenWindows.token's first test, once per hit)
            }
            int[] owners = rulesOf[keyword];
            int valueStart = -2;
            for (int r : owners) {
                SecretRule rule = rules.get(r);
                if (rule.kind() == SecretRule.Kind.ASSIGNED) {
                    if (valueStart == -2) {
                        valueStart = assignments.keywordShapeOk(start, end, false)
                                ? assignments.assignedValueStart(start, end, true)
                                : -1;
                    }
                    if (valueStart >= 0) {
                        assignments.assigned(r, rule, valueStart);
                    }
                } else {
                    tokens.token(r, rule, start, end);
                }
            }
            if (generic[keyword]) {
                assignments.genericAssignment(start, end, password[keyword]);
            }
        }
    }
}
