package dev.clearance.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link ClearanceMeters}, when Micrometer is on the classpath and the application has a {@link MeterRegistry};
 * the auto-configured engine feeds it as one of its decision-log sinks.
 */
@AutoConfiguration(
        before = ClearanceAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class ClearanceMetricsAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public ClearanceMeters clearanceMeters(MeterRegistry registry) {
        return new ClearanceMeters(registry);
    }
}
