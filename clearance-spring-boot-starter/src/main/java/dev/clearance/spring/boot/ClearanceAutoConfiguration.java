package dev.clearance.spring.boot;

import dev.clearance.EvaluationLimits;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyEngine;
import dev.clearance.RedactionStyle;
import dev.clearance.ReloadingPolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.decisionlog.DecisionLogFile;
import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.PolicySetup;
import dev.clearance.spi.DecisionLogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configures a {@link PolicyEngine} — or, with {@code clearance.reload.enabled=true}, a
 * {@link ReloadingPolicyEngine} watching the pack directory — from {@link ClearanceProperties}. Either is the
 * application's {@link PolicyDecider}, the bean framework integrations pick up. The pack, its trust and the
 * catalogs are layered by {@link PolicySetup}. Every bean backs off when the application defines its own: a
 * {@code PolicySetup}, a {@code PolicyDecider} (a {@code PolicyEngine} of its own, say), a
 * {@code PackTrust}, {@code EvaluationLimits} or {@code RedactionStyle}. Every {@link DecisionLogSink} bean of the
 * application receives the decision records, beside the configured file and SLF4J logger.
 *
 * <p>A pack that cannot be read, is not trusted or does not compile fails the application's startup with a
 * message naming the property; it never leaves an application that allows by default.
 */
@AutoConfiguration
@EnableConfigurationProperties(ClearanceProperties.class)
public class ClearanceAutoConfiguration {
    /** Prefix of a {@code clearance.pack.location} on the classpath. */
    public static final String CLASSPATH = "classpath:";

    /** Prefix of a {@code clearance.pack.location} on the file system (a plain path means the same). */
    public static final String FILE = "file:";

    @Bean
    @ConditionalOnMissingBean
    public PackTrust clearancePackTrust(ClearanceProperties properties) {
        ClearanceProperties.Pack pack = properties.getPack();
        PackTrust trust = pack.getTrustedKeys().isEmpty()
                ? PackTrust.none()
                : PackTrust.fromPem(pack.getTrustedKeys().toArray(Path[]::new));
        if (pack.isAllowUnrestrictedRules()) {
            if (!trust.requiresSignature()) {
                throw new IllegalStateException("clearance.pack.allow-unrestricted-rules=true needs"
                        + " clearance.pack.trusted-keys: only a signed pack may run code outside the sandbox");
            }
            trust = trust.allowUnrestrictedCode();
        }
        return trust;
    }

    @Bean
    @ConditionalOnMissingBean
    public PolicySetup clearancePolicySetup(
            ClearanceProperties properties, PackTrust trust, ResourceLoader resourceLoader) {
        String location = properties.getPack().getLocation().strip();
        PolicySetup setup;
        try {
            if (location.isEmpty()) {
                setup = PolicySetup.builtIn();
            } else if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length()).replaceFirst("^/+", "");
                setup = PolicySetup.of(RulePack.fromClasspath(resource, classLoader(resourceLoader), trust));
            } else {
                setup = PolicySetup.load(packPath(location), trust);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "clearance.pack.location=" + location + ": cannot load the rule pack: " + e.getMessage(), e);
        }
        Path catalog = properties.getOrganizationCatalog();
        if (catalog != null) {
            try {
                setup = setup.organizationCatalog(catalog);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "clearance.organization-catalog=" + catalog + ": cannot load the catalog: " + e.getMessage(),
                        e);
            }
        }
        return setup;
    }

    @Bean
    @ConditionalOnMissingBean
    public EvaluationLimits clearanceEvaluationLimits(ClearanceProperties properties) {
        ClearanceProperties.Limits l = properties.getLimits();
        EvaluationLimits.Builder b = EvaluationLimits.builder();
        if (l.getMaxContentChars() != null) {
            b.maxContentChars(l.getMaxContentChars());
        }
        if (l.getMaxFindings() != null) {
            b.maxFindings(l.getMaxFindings());
        }
        if (l.getMaxRuleFirings() != null) {
            b.maxRuleFirings(l.getMaxRuleFirings());
        }
        if (l.getTimeBudget() != null) {
            b.timeBudget(l.getTimeBudget());
        }
        if (l.getMaxFieldChars() != null) {
            b.maxFieldChars(l.getMaxFieldChars());
        }
        if (l.getMaxListItems() != null) {
            b.maxListItems(l.getMaxListItems());
        }
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public RedactionStyle clearanceRedactionStyle(ClearanceProperties properties) {
        ClearanceProperties.Redaction r = properties.getRedaction();
        return switch (r.getStyle()) {
            case PLACEHOLDERS -> RedactionStyle.placeholders();
            case MASK -> RedactionStyle.mask(r.getMaskChar());
            case KEYED_HASH -> RedactionStyle.keyedHash(key(r.getKeyFile(), "clearance.redaction.key-file"));
        };
    }

    /** The decision-log file, closed with the context; only with {@code clearance.decision-log.file}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "clearance.decision-log", name = "file")
    public DecisionLogFile clearanceDecisionLogFile(ClearanceProperties properties) {
        return DecisionLog.appendTo(properties.getDecisionLog().getFile());
    }

    /** The engine, when hot reload is off (the default). */
    @Bean
    @ConditionalOnMissingBean(PolicyDecider.class)
    @ConditionalOnProperty(prefix = "clearance.reload", name = "enabled", havingValue = "false", matchIfMissing = true)
    public PolicyEngine clearancePolicyEngine(
            PolicySetup setup,
            ClearanceProperties properties,
            EvaluationLimits limits,
            RedactionStyle redaction,
            ObjectProvider<DecisionLogSink> sinks) {
        return engine(setup, properties, limits, redaction, sinks);
    }

    /** The reloading engine, with {@code clearance.reload.enabled=true}: watches the pack directory. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(PolicyDecider.class)
    @ConditionalOnProperty(prefix = "clearance.reload", name = "enabled", havingValue = "true")
    public ReloadingPolicyEngine clearanceReloadingPolicyEngine(
            PolicySetup setup,
            ClearanceProperties properties,
            PackTrust trust,
            EvaluationLimits limits,
            RedactionStyle redaction,
            ObjectProvider<DecisionLogSink> sinks,
            ClearanceReloadStatus status) {
        String location = properties.getPack().getLocation().strip();
        Path directory = location.isEmpty() || location.startsWith(CLASSPATH) ? null : packPath(location);
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalStateException("clearance.reload.enabled=true needs clearance.pack.location to be a"
                    + " pack directory on the file system; it is '" + location + "'");
        }
        RulePack initial = setup.rulePack();
        PolicyEngine first = engine(setup, properties, limits, redaction, sinks);
        ReloadingPolicyEngine reloading = ReloadingPolicyEngine.builder(initial)
                .engineFactory(pack ->
                        pack == initial ? first : engine(setup.withPack(pack), properties, limits, redaction, sinks))
                .trust(trust)
                .listener(status::record)
                .debounce(properties.getReload().getInterval())
                .reloadTimeout(properties.getReload().getTimeout())
                .rejectOnWarnings(properties.getReload().isRejectOnWarnings())
                .build();
        reloading.watch(directory);
        return reloading;
    }

    /** The outcome of the last reload, for the health indicator. */
    @Bean
    @ConditionalOnMissingBean
    public ClearanceReloadStatus clearanceReloadStatus() {
        return new ClearanceReloadStatus();
    }

    private static PolicyEngine engine(
            PolicySetup setup,
            ClearanceProperties properties,
            EvaluationLimits limits,
            RedactionStyle redaction,
            ObjectProvider<DecisionLogSink> sinks) {
        ClearanceProperties.DecisionLog log = properties.getDecisionLog();
        List<DecisionLogSink> all =
                new java.util.ArrayList<>(sinks.orderedStream().toList());
        if (log.isSlf4j()) {
            all.add(DecisionLog.slf4j());
        }
        PolicyEngine.Builder builder = setup.engineBuilder()
                .limits(limits)
                .redactionStyle(redaction)
                .decisionLog(
                        all.isEmpty()
                                ? DecisionLog.none()
                                : all.size() == 1 ? all.get(0) : DecisionLog.tee(all.toArray(DecisionLogSink[]::new)));
        if (log.getKeyFile() != null) {
            builder.decisionLogKey(key(log.getKeyFile(), "clearance.decision-log.key-file"));
        }
        ClearanceProperties.FindingsCache findings = properties.getFindingsCache();
        if (findings.isEnabled()) {
            if (findings.getMaxEntries() < 1 || findings.getMaxChars() < 1) {
                throw new IllegalStateException(
                        "clearance.findings-cache.max-entries and max-chars must be at least 1 (or set"
                                + " clearance.findings-cache.enabled=false)");
            }
            builder.findingsCache(findings.getMaxEntries(), findings.getMaxChars());
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "clearance.pack.location=" + properties.getPack().getLocation()
                            + ": the rule pack does not compile: " + e.getMessage(),
                    e);
        }
    }

    private static ClassLoader classLoader(ResourceLoader resourceLoader) {
        ClassLoader loader = resourceLoader.getClassLoader();
        return loader != null ? loader : ClearanceAutoConfiguration.class.getClassLoader();
    }

    private static Path packPath(String location) {
        return Path.of(location.startsWith(FILE) ? location.substring(FILE.length()) : location);
    }

    private static byte[] key(Path file, String property) {
        if (file == null) {
            throw new IllegalStateException(property + " is required by the configured style");
        }
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(property + "=" + file + ": cannot read the key file", e);
        }
        if (key.length < 16) {
            throw new IllegalStateException(
                    property + "=" + file + " holds " + key.length + " bytes; at least 16 are needed");
        }
        return key;
    }
}
