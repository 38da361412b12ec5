package dev.clearance.internal.engine;

import java.util.Objects;
import java.util.function.Function;

/**
 * The one documented way for the authoring tools ({@code dev.clearance.authoring}) to reach a built engine's
 * compiled pack, without a public accessor on {@code PolicyEngine}. {@code PolicyEngine} installs the accessor
 * when its class is initialised, which has happened by the time any caller holds an engine.
 */
public final class EngineAccess {
    private static volatile Function<Object, Evaluator> accessor;

    private EngineAccess() {}

    /** Called once, by {@code PolicyEngine}'s static initialiser. */
    public static void install(Function<Object, Evaluator> engineToEvaluator) {
        if (accessor != null) {
            throw new IllegalStateException("engine accessor already installed");
        }
        accessor = Objects.requireNonNull(engineToEvaluator, "engineToEvaluator");
    }

    /** The compiled pack of {@code engine} (a {@code PolicyEngine}). */
    public static Evaluator evaluator(Object engine) {
        Objects.requireNonNull(engine, "engine");
        Function<Object, Evaluator> a = accessor;
        if (a == null) {
            throw new IllegalStateException("PolicyEngine not initialised");
        }
        return a.apply(engine);
    }
}
