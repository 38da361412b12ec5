package dev.clearance.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackVersionsTest {
    @Test
    void dottedNumbers_compareNumericallyPartByPart() {
        assertThat(PackVersions.compare("1.9", "1.10"))
                .hasValueSatisfying(c -> assertThat(c).isNegative());
        assertThat(PackVersions.compare("10", "9"))
                .hasValueSatisfying(c -> assertThat(c).isPositive());
        assertThat(PackVersions.compare("2026.1.0", "2025.12.31"))
                .hasValueSatisfying(c -> assertThat(c).isPositive());
        assertThat(PackVersions.compare("1", "1.0.0")).hasValue(0);
        assertThat(PackVersions.compare("1.0.1", "1"))
                .hasValueSatisfying(c -> assertThat(c).isPositive());
        assertThat(PackVersions.compare("99999999999999999", "100000000000000000"))
                .hasValueSatisfying(c -> assertThat(c).isNegative());
    }

    @Test
    void otherText_equalsOnlyItselfAndHasNoOrder() {
        assertThat(PackVersions.compare("1.0-rc1", "1.0-rc1")).hasValue(0);
        assertThat(PackVersions.compare("1.0-rc1", "1.0")).isEmpty();
        assertThat(PackVersions.compare("2", "two")).isEmpty();
        assertThat(PackVersions.compare("1..2", "1.2")).isEmpty();
        assertThat(PackVersions.compare("", "1")).isEmpty();
    }
}
