package dev.clearance.spring.boot;

import dev.clearance.PolicyDecider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@link ClearanceHealthIndicator}, when Actuator is on the classpath. */
@AutoConfiguration(after = ClearanceAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(PolicyDecider.class)
public class ClearanceHealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "clearanceHealthIndicator")
    public ClearanceHealthIndicator clearanceHealthIndicator(
            PolicyDecider decider, ObjectProvider<ClearanceReloadStatus> status) {
        return new ClearanceHealthIndicator(decider, status.getIfAvailable());
    }
}
