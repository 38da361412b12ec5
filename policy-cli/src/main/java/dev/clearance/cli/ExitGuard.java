package dev.clearance.cli;

import java.io.PrintStream;
import java.util.Set;

/**
 * No command exits 0 when its work did not finish: if the JVM is asked to exit (by {@code System.exit} in a rule
 * of an unrestricted pack, say) before the command returned its exit code, the exit status becomes
 * {@link ExitCodes#FAILED} and one line says so. Long-running servers end by signal: they are not guarded.
 */
final class ExitGuard {
    private static final Set<String> UNGUARDED = Set.of("serve");

    private volatile boolean finished;

    private ExitGuard() {}

    static ExitGuard install(String[] args) {
        ExitGuard guard = new ExitGuard();
        String command = ExitCodes.commandOf(args);
        if (!UNGUARDED.contains(command)) {
            PrintStream err = System.err;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                if (!guard.finished) {
                                    err.println("clearance: " + command
                                            + " did not finish: the JVM was asked to exit before it" + " was done");
                                    err.flush();
                                    Runtime.getRuntime().halt(ExitCodes.FAILED);
                                }
                            },
                            "clearance-exit-guard"));
        }
        return guard;
    }

    /** The command returned: its exit code stands. */
    void finished() {
        finished = true;
    }
}
