package dev.clearance;

import dev.clearance.pack.RulePack;

/** Small inline packs for engine tests. */
final class TestPacks {
    private TestPacks() {}

    static final String HEADER = """
            package test.rules;
            import dev.clearance.*;
            import dev.clearance.facts.*;
            global dev.clearance.facts.Verdict verdict;
            """;

    static RulePack drl(String rules) {
        return RulePack.builder("test-pack", "7")
                .drl("rules/test.drl", HEADER + rules)
                .build();
    }

    /** A detector that reports every occurrence of {@code word} as a finding of the given kind. */
    static dev.clearance.spi.Detector word(String word, java.util.function.IntFunction<Finding> at) {
        return new dev.clearance.spi.Detector() {
            @Override
            public String id() {
                return "word:" + word;
            }

            @Override
            public void detect(String text, java.util.function.Consumer<Finding> sink) {
                for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
                    sink.accept(at.apply(i));
                }
            }
        };
    }
}
