package dev.clearance.internal.detect.secret;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.clearance.Finding;
import dev.clearance.internal.detect.Placeholders;
import dev.clearance.internal.detect.Slice;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The identifying part of a multi-part credential, found next to its secret part: the OAuth client id beside a
 * client secret, the Twilio account SID beside an auth token, the Algolia application id beside an API key, the
 * user name beside a password in a credential block (netrc, Maven {@code <server>}, {@code .pypirc}, connection
 * strings, {@code -u USER -p PASS}, {@code NetworkCredential("user", "pass")}). Reported as type
 * {@code SECRET_ID} (category {@code SECRET}) only when the secret part was found, so that redaction removes the
 * whole credential; never on its own. Bounded: at most {@link #MAX_LOOKUPS} secrets are paired per scan, each in a
 * window of {@link #WINDOW} chars.
 */
final class CredentialIdParts {
    /** The finding type of an identifying part. */
    static final String TYPE = "SECRET_ID";

    static final int WINDOW = 400;
    static final int MAX_LOOKUPS = 256;

    /**
     * One kind of id part.
     *
     * @param rule       the id part's rule id
     * @param secrets    rule ids of the secret parts it goes with; empty: any secret whose name says client secret
     * @param pattern    the id (group 1)
     * @param before     whether only the text before the secret is searched (the nearest match wins)
     */
    private record Part(String rule, Set<String> secrets, Pattern pattern, boolean before) {}

    private static final List<Part> PARTS = List.of(
            // OAuth 2.0 client credentials (RFC 6749 2.3.1): client_id beside client_secret, whatever the provider
            new Part(
                    "oauth-client-id",
                    Set.of(),
                    Pattern.compile("(?i)client[_.-]?id[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9][A-Za-z0-9._~@-]{7,127})"),
                    false),
            // Twilio: Account SID (AC + 32 hex) with the auth token or an API key
            new Part(
                    "twilio-account-sid",
                    Set.of("twilio-auth-token", "twilio-api-key"),
                    Pattern.compile("\\b(AC[0-9a-fA-F]{32})\\b"),
                    false),
            // Algolia: the application id (10 upper-case letters and digits) with the API key
            new Part(
                    "algolia-application-id",
                    Set.of("algolia-api-key"),
                    Pattern.compile("(?i)app(?:lication)?[_.-]?id[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9]{10})\\b"),
                    false),
            // the user of a user + password block: the nearest user name before the password
            new Part(
                    "credential-username",
                    Set.of(
                            "netrc-password",
                            "maven-settings-password",
                            "pypirc-password",
                            "connection-string-password",
                            "cli-user-password"),
                    Pattern.compile("(?i)(?:<username>\\s*|\\blogin[ \\t]+|\\b(?:user(?:name)?|user id|uid)[ \\t]*[:=]"
                            + "[ \\t]*[\"']?|(?:^|\\s)-u[ \\t]*[\"']?)([^\\s<>\"';$%-][^\\s<>\"';$%]{0,63})"),
                    true),
            // NetworkCredential("user", "password") and the like: the first argument
            new Part(
                    "credential-username",
                    Set.of("credential-arguments"),
                    Pattern.compile("\\(\\s*(?:(?:user(?:name)?|login)\\s*[:=]\\s*)?[\"']([^\"'\\r\\n]{1,128})[\"']"
                            + "\\s*,\\s*(?:(?:password|passwd|pass|pwd)\\s*[:=]\\s*)?[\"']$"),
                    true));

    private CredentialIdParts() {}

    /** Reports the id parts of {@code secrets} (findings of this scan) to {@code sink}; returns the work done. */
    static long find(String text, char[] chars, List<Finding> secrets, Consumer<Finding> sink) {
        long work = 0;
        int lookups = 0;
        int[] lastStart = null; // part index -> start of the last secret it was looked up for (-1: none)
        for (Finding secret : secrets) {
            if (lookups >= MAX_LOOKUPS) {
                break;
            }
            for (int p = 0; p < PARTS.size(); p++) {
                Part part = PARTS.get(p);
                if (!applies(part, text, secret)) {
                    continue;
                }
                lookups++;
                int from = Math.max(0, secret.start() - WINDOW);
                int to = part.before() ? secret.start() : Math.min(text.length(), secret.end() + WINDOW);
                if (part.before()) {
                    if (lastStart == null) {
                        lastStart = new int[PARTS.size()];
                        java.util.Arrays.fill(lastStart, -1);
                    }
                    // a part searched before the previous secret of a dense run was reported with it: the text
                    // since that secret is searched, not the same window again (linear on dense runs)
                    if (lastStart[p] >= 0 && lastStart[p] <= secret.start()) {
                        from = Math.max(from, lastStart[p]);
                    }
                    lastStart[p] = secret.start();
                }
                work += 2L * (to - from);
                Finding id = nearest(part, text, chars, secret, from, to);
                if (id != null) {
                    sink.accept(id);
                }
            }
        }
        return work;
    }

    private static boolean applies(Part part, String text, Finding secret) {
        if (!secret.type().equals("SECRET")) {
            return false;
        }
        if (!part.secrets().isEmpty()) {
            return part.secrets().contains(secret.rule());
        }
        if (secret.rule().contains("client-secret")) {
            return true;
        }
        return namesClientSecret(text, Math.max(0, secret.start() - 40), secret.start());
    }

    /**
     * Whether {@code text[from, to)} holds {@code client secret} as {@code (?i)client[_.-]?secret} would find it
     * (ASCII case folding, and the long s that RE2 folds to {@code s}), without a regex per finding.
     */
    static boolean namesClientSecret(String text, int from, int to) {
        for (int i = from; i + 12 <= to; i++) {
            if (foldedAt(text, i, "client")) {
                int j = i + 6;
                if (j + 6 <= to && foldedAt(text, j, "secret")) {
                    return true;
                }
                char c = text.charAt(j);
                if ((c == '_' || c == '.' || c == '-') && j + 7 <= to && foldedAt(text, j + 1, "secret")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code word} (lower-case ASCII) occurs at {@code at}, ignoring ASCII case. */
    private static boolean foldedAt(String text, int at, String word) {
        for (int k = 0; k < word.length(); k++) {
            char c = text.charAt(at + k);
            char w = word.charAt(k);
            if (c != w && (c | 0x20) != w && !(w == 's' && c == '\u017F')) {
                return false;
            }
        }
        return true;
    }

    /** The match nearest the secret that does not overlap it and is not a placeholder, or null. */
    private static Finding nearest(Part part, String text, char[] chars, Finding secret, int from, int to) {
        Matcher m = part.pattern().matcher(new Slice(chars, from, to));
        Finding best = null;
        int bestDistance = Integer.MAX_VALUE;
        int pos = 0;
        while (pos < to - from && m.find(pos)) {
            int s = from + m.start(1);
            int e = from + m.end(1);
            pos = Math.max(m.end(), m.start() + 1);
            if (e <= s || s < secret.end() && secret.start() < e || Placeholders.isPlaceholder(text, s, e)) {
                continue;
            }
            int distance = e <= secret.start() ? secret.start() - e : s - secret.end();
            if (distance < bestDistance) {
                bestDistance = distance;
                best = new Finding(TYPE, secret.category(), part.rule(), s, e, secret.confidence(), false, null, false);
            }
        }
        return best;
    }
}
