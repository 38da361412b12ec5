package dev.clearance.rules;

import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.RulePack;

/**
 * The rule packs Clearance ships. Each version is frozen: {@code v1()} never changes a decision; new behaviour
 * ships as {@code v2()}.
 */
public final class DefaultRulePack {
    /** Classpath folder of version 1, usable with {@code clearance check}. */
    public static final String V1_LOCATION = "dev/clearance/policy/v1";

    private static volatile RulePack v1;

    private DefaultRulePack() {}

    /** Version 1: the classification table and the findings rules of the product specification. */
    public static RulePack v1() {
        RulePack pack = v1;
        if (pack == null) {
            synchronized (DefaultRulePack.class) {
                pack = v1;
                if (pack == null) {
                    pack = RulePack.fromClasspath(V1_LOCATION, DefaultRulePack.class.getClassLoader());
                    v1 = pack;
                }
            }
        }
        return pack;
    }

    /** The built-in provider catalog (the one {@link #v1()} ships with). */
    public static ProviderCatalog catalog() {
        return v1().catalog();
    }
}
