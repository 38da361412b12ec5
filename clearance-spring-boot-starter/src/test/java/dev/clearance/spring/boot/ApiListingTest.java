package dev.clearance.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of the starter equals the checked-in api/clearance-spring-boot-starter.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(ClearanceAutoConfiguration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(
                        classes,
                        ClearanceAutoConfiguration.class.getClassLoader(),
                        Path.of("api/clearance-spring-boot-starter.api")))
                .as(ApiListing.howToUpdate("clearance-spring-boot-starter"))
                .isEmpty();
    }
}
