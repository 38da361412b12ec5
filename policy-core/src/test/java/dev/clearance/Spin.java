package dev.clearance;

/**
 * A gate for rules that must not return during a test: a consequence {@code while (Spin.on) {...}} ignores
 * interrupts and halts, like a rule that loops forever, yet the test can end the loop afterwards so the stuck
 * thread does not burn a core for the rest of the test run.
 */
public final class Spin {
    public static volatile boolean on;

    private Spin() {}

    /** DRL for a rule {@code name} that loops while the gate is on whenever {@code when} matches. */
    static String rule(String name, String when) {
        return """
                rule "%s" when %s then
                    while (Spin.on) { Thread.onSpinWait(); }
                end
                """.formatted(name, when);
    }
}
