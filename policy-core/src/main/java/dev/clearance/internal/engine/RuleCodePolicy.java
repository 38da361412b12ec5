package dev.clearance.internal.engine;

import java.util.Map;
import java.util.Set;

/**
 * What rule code in an untrusted pack may touch: the one list, documented in {@code docs/pack-sandbox.md}.
 * Everything else a pack's code names (System, Runtime, ProcessBuilder, reflection, class loading, threads, I/O,
 * {@code java.nio.file}, the network, static state, loops, recursion) is a compile error. Internal.
 */
final class RuleCodePolicy {
    private RuleCodePolicy() {}

    /** Types rule code may name, by simple name → qualified name. */
    static final Map<String, String> TYPES = Map.ofEntries(
            // the facts and the verdict
            type("dev.clearance.facts.Data"),
            type("dev.clearance.facts.Destination"),
            type("dev.clearance.facts.User"),
            type("dev.clearance.facts.Context"),
            type("dev.clearance.facts.Verdict"),
            // the values facts expose
            type("dev.clearance.Classification"),
            type("dev.clearance.Tier"),
            type("dev.clearance.Finding"),
            type("dev.clearance.FindingCategory"),
            type("dev.clearance.Effect"),
            type("dev.clearance.Direction"),
            // immutable java.lang values and pure helpers
            type("java.lang.Object"),
            type("java.lang.String"),
            type("java.lang.CharSequence"),
            type("java.lang.Character"),
            type("java.lang.Boolean"),
            type("java.lang.Byte"),
            type("java.lang.Short"),
            type("java.lang.Integer"),
            type("java.lang.Long"),
            type("java.lang.Float"),
            type("java.lang.Double"),
            type("java.lang.Number"),
            type("java.lang.Math"),
            type("java.lang.Comparable"),
            type("java.lang.Iterable"),
            type("java.lang.StringBuilder"),
            type("java.lang.RuntimeException"),
            type("java.lang.IllegalArgumentException"),
            type("java.lang.IllegalStateException"),
            // java.util collections and helpers (reads, and local collections)
            type("java.util.Collection"),
            type("java.util.List"),
            type("java.util.Set"),
            type("java.util.Map"),
            type("java.util.Optional"),
            type("java.util.Objects"),
            type("java.util.Collections"),
            type("java.util.Arrays"),
            type("java.util.Locale"),
            type("java.util.ArrayList"),
            type("java.util.HashMap"),
            type("java.util.HashSet"),
            type("java.util.LinkedHashMap"),
            type("java.util.LinkedHashSet"),
            type("java.util.TreeMap"),
            type("java.util.TreeSet"));

    /** Wildcard imports allowed: the names they bring in are still limited to {@link #TYPES}. */
    static final Set<String> WILDCARD_IMPORTS =
            Set.of("dev.clearance", "dev.clearance.facts", "java.util", "java.lang");

    /** The global every pack declares, and the only one allowed: any other would be state shared by every run. */
    static final String GLOBAL_TYPE = "dev.clearance.facts.Verdict";

    /** The name of the one global a pack may declare (the verdict rules act on). */
    public static final String VERDICT_GLOBAL = "verdict";

    /** First segments of qualified names: {@code java.io.File}, {@code org.x.Y} are checked against {@link #TYPES}. */
    static final Set<String> PACKAGE_ROOTS =
            Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io", "dev", "jakarta", "kotlin", "scala");

    /** Java and MVEL words rule code may not use, with the reason. */
    static final Map<String, String> FORBIDDEN_WORDS = Map.ofEntries(
            Map.entry("for", "loops are not allowed in a pack"),
            Map.entry("while", "loops are not allowed in a pack"),
            Map.entry("do", "loops are not allowed in a pack"),
            Map.entry("foreach", "loops are not allowed in a pack"),
            Map.entry("until", "loops are not allowed in a pack"),
            Map.entry("static", "static state is not allowed in a pack"),
            Map.entry("class", "declaring classes is not allowed in a pack"),
            Map.entry("interface", "declaring classes is not allowed in a pack"),
            Map.entry("record", "declaring classes is not allowed in a pack"),
            Map.entry("synchronized", "threads and locks are not allowed in a pack"),
            Map.entry("volatile", "threads and locks are not allowed in a pack"),
            Map.entry("native", "native code is not allowed in a pack"),
            Map.entry("this", "'this' is not allowed in a pack"),
            Map.entry("super", "'super' is not allowed in a pack"),
            Map.entry("def", "MVEL functions are not allowed in a pack"),
            Map.entry("drools", "the Drools runtime is not reachable from a pack"),
            Map.entry("kcontext", "the Drools runtime is not reachable from a pack"));

    /** Members no object may be asked for: the ways from any value to reflection, class loading or locks. */
    static final Set<String> FORBIDDEN_MEMBERS = Set.of(
            "class",
            "getClass",
            "getClassLoader",
            "forName",
            "wait",
            "notify",
            "notifyAll",
            "finalize",
            "getKieRuntime",
            "getKnowledgeRuntime",
            "getWorkingMemory");

    private static Map.Entry<String, String> type(String qualified) {
        return Map.entry(qualified.substring(qualified.lastIndexOf('.') + 1), qualified);
    }

    static boolean allowedQualified(String qualified) {
        return TYPES.containsValue(qualified);
    }
}
