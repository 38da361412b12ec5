package dev.clearance.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code clearance.*} properties of the Spring Boot starter. Every property is optional: with none set the
 * application gets the built-in default pack and catalog, default limits, placeholder redaction and no decision
 * log.
 */
@ConfigurationProperties(prefix = "clearance")
public class ClearanceProperties {
    private final Pack pack = new Pack();
    private final Limits limits = new Limits();
    private final Redaction redaction = new Redaction();
    private final DecisionLog decisionLog = new DecisionLog();
    private final Reload reload = new Reload();
    private final FindingsCache findingsCache = new FindingsCache();

    /** An organization's {@code catalog.yaml}, merged over the built-in catalog and the pack's own. */
    private Path organizationCatalog;

    public Pack getPack() {
        return pack;
    }

    public Limits getLimits() {
        return limits;
    }

    public Redaction getRedaction() {
        return redaction;
    }

    public DecisionLog getDecisionLog() {
        return decisionLog;
    }

    public FindingsCache getFindingsCache() {
        return findingsCache;
    }

    public Reload getReload() {
        return reload;
    }

    public Path getOrganizationCatalog() {
        return organizationCatalog;
    }

    public void setOrganizationCatalog(Path organizationCatalog) {
        this.organizationCatalog = organizationCatalog;
    }

    /** Where the rule pack comes from and which signers are trusted. */
    public static class Pack {
        /**
         * The rule pack: empty for the built-in default pack; {@code classpath:dir/of/pack} for a pack on the
         * classpath; {@code file:/path} or a plain path for a directory, {@code .jar} or {@code .zip}.
         */
        private String location = "";

        /** PEM public keys ({@code -----BEGIN PUBLIC KEY-----}); when set, a pack not signed by one is refused. */
        private List<Path> trustedKeys = new ArrayList<>();

        /** Lets the pack's rules use code outside the sandbox; only for a signed pack (needs trusted-keys). */
        private boolean allowUnrestrictedRules;

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location == null ? "" : location;
        }

        public List<Path> getTrustedKeys() {
            return trustedKeys;
        }

        public void setTrustedKeys(List<Path> trustedKeys) {
            this.trustedKeys = trustedKeys == null ? new ArrayList<>() : new ArrayList<>(trustedKeys);
        }

        public boolean isAllowUnrestrictedRules() {
            return allowUnrestrictedRules;
        }

        public void setAllowUnrestrictedRules(boolean allowUnrestrictedRules) {
            this.allowUnrestrictedRules = allowUnrestrictedRules;
        }
    }

    /** {@link dev.clearance.EvaluationLimits}; an unset limit keeps its documented default. */
    public static class Limits {
        /** Longest content decided, in chars; longer content is DENY (default 1048576). */
        private Integer maxContentChars;

        /** Most findings one request may produce (default 10000). */
        private Integer maxFindings;

        /** Most rule firings per decision (default 100000). */
        private Integer maxRuleFirings;

        /** Wall-clock budget of one decision (default 1s). */
        private Duration timeBudget;

        /** Longest request field other than the content, in chars (default 1024). */
        private Integer maxFieldChars;

        /** Most items of a request list such as labels (default 256). */
        private Integer maxListItems;

        public Integer getMaxContentChars() {
            return maxContentChars;
        }

        public void setMaxContentChars(Integer maxContentChars) {
            this.maxContentChars = maxContentChars;
        }

        public Integer getMaxFindings() {
            return maxFindings;
        }

        public void setMaxFindings(Integer maxFindings) {
            this.maxFindings = maxFindings;
        }

        public Integer getMaxRuleFirings() {
            return maxRuleFirings;
        }

        public void setMaxRuleFirings(Integer maxRuleFirings) {
            this.maxRuleFirings = maxRuleFirings;
        }

        public Duration getTimeBudget() {
            return timeBudget;
        }

        public void setTimeBudget(Duration timeBudget) {
            this.timeBudget = timeBudget;
        }

        public Integer getMaxFieldChars() {
            return maxFieldChars;
        }

        public void setMaxFieldChars(Integer maxFieldChars) {
            this.maxFieldChars = maxFieldChars;
        }

        public Integer getMaxListItems() {
            return maxListItems;
        }

        public void setMaxListItems(Integer maxListItems) {
            this.maxListItems = maxListItems;
        }
    }

    /** How redacted values are replaced. */
    public static class Redaction {
        /** The style: placeholders (reversible with Decision.restore), mask or keyed-hash. */
        private Style style = Style.PLACEHOLDERS;

        /** The mask character of the mask style. */
        private char maskChar = '*';

        /** File whose bytes (at least 16) are the HMAC key of the keyed-hash style. */
        private Path keyFile;

        public Style getStyle() {
            return style;
        }

        public void setStyle(Style style) {
            this.style = style;
        }

        public char getMaskChar() {
            return maskChar;
        }

        public void setMaskChar(char maskChar) {
            this.maskChar = maskChar;
        }

        public Path getKeyFile() {
            return keyFile;
        }

        public void setKeyFile(Path keyFile) {
            this.keyFile = keyFile;
        }

        /** {@link dev.clearance.RedactionStyle}s. */
        public enum Style {
            PLACEHOLDERS,
            MASK,
            KEYED_HASH
        }
    }

    /** The decision log: one JSON line per decision, never the content. Off unless configured. */
    public static class DecisionLog {
        /** Append one JSON line per decision to this file. */
        private Path file;

        /** Also write each record at INFO to the SLF4J logger clearance.audit. */
        private boolean slf4j;

        /** File whose bytes (at least 16) key the records' content hash; default a random key per engine. */
        private Path keyFile;

        public Path getFile() {
            return file;
        }

        public void setFile(Path file) {
            this.file = file;
        }

        public boolean isSlf4j() {
            return slf4j;
        }

        public void setSlf4j(boolean slf4j) {
            this.slf4j = slf4j;
        }

        public Path getKeyFile() {
            return keyFile;
        }

        public void setKeyFile(Path keyFile) {
            this.keyFile = keyFile;
        }
    }

    /** Hot reload of a pack directory. */
    public static class Reload {
        /** Watch the pack directory and swap in each new version that compiles; the last good one keeps serving. */
        private boolean enabled;

        /** Quiet period after the last file change before the pack is reloaded. */
        private Duration interval = Duration.ofMillis(300);

        /** Longest time building a reloaded pack's engine may take before the reload counts as failed. */
        private Duration timeout = Duration.ofSeconds(60);

        /** Also refuse a reloaded pack whose analysis reports warnings. */
        private boolean rejectOnWarnings;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public boolean isRejectOnWarnings() {
            return rejectOnWarnings;
        }

        public void setRejectOnWarnings(boolean rejectOnWarnings) {
            this.rejectOnWarnings = rejectOnWarnings;
        }
    }

    /**
     * The engine's findings cache: a text evaluated again (a chat history re-sent on every turn) is not scanned
     * again, and a conversation reuses its redaction of it. On by default; the texts stay in this process's memory.
     */
    public static class FindingsCache {
        /** Remember the findings of texts evaluated before. */
        private boolean enabled = true;

        /** How many texts are remembered at most. */
        private int maxEntries = 4_096;

        /** How many chars of remembered text at most, in all (a text over a quarter of this is not kept). */
        private long maxChars = 4_000_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        public long getMaxChars() {
            return maxChars;
        }

        public void setMaxChars(long maxChars) {
            this.maxChars = maxChars;
        }
    }
}
