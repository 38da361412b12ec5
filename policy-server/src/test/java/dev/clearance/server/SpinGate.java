package dev.clearance.server;

/**
 * While {@link #on}, a test rule's consequence loops ignoring interrupts, like a rule that never returns; tests
 * turn it off at the end so the stuck thread ends.
 */
public final class SpinGate {
    public static volatile boolean on;

    private SpinGate() {}
}
