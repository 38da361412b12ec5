/**
 * The Clearance Spring Boot starter: {@link dev.clearance.spring.boot.ClearanceAutoConfiguration} builds the
 * application's {@link dev.clearance.PolicyDecider} from {@code clearance.*} properties; Actuator health and
 * Micrometer meters come with it when those are on the classpath. See {@code docs/spring-boot.md}.
 */
package dev.clearance.spring.boot;
