package dev.clearance.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DslTemplateDistanceTest {
    @Test
    void placeholdersMatchAnyText_literalsCountEdits() {
        assertThat(DrlErrors.templateDistance("the data is public", "the data is {c}"))
                .isZero();
        assertThat(DrlErrors.templateDistance("the dat is public", "the data is {c}"))
                .isEqualTo(1);
        assertThat(DrlErrors.templateDistance("deny becuase \"x\"", "deny because \"{m}\""))
                .isEqualTo(2);
        assertThat(DrlErrors.templateDistance("", "ab{c}")).isEqualTo(2);
    }

    @Test
    void shownTemplate_dropsThePlaceholderPatterns() {
        assertThat(new DrlErrors.Sentence(DrlErrors.Scope.CONDITION, "the data is at least {classification:[A-Z]+}")
                        .shown())
                .isEqualTo("the data is at least {classification}");
        assertThat(new DrlErrors.Sentence(DrlErrors.Scope.CONSEQUENCE, "deny because \"{message}\"").shown())
                .isEqualTo("deny because \"{message}\"");
    }
}
