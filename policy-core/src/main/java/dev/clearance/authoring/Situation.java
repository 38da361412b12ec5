package dev.clearance.authoring;

import dev.clearance.Classification;
import dev.clearance.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One point of the finite domain that {@link PackAnalysis} and {@link PackDiff} run a pack over: a declared
 * classification, a resolved destination (tier, training, zero data retention, opt-out) and which kinds of
 * finding the content holds. Users, groups, labels, purposes and products are not enumerated.
 *
 * @param classification    the declared classification
 * @param tier              the destination's tier
 * @param trainsOnData      whether the destination trains on the data
 * @param zeroDataRetention whether zero data retention applies
 * @param trainingOptOut    the account's training opt-out; null when unknown
 * @param findings          the kinds of finding in the content
 */
public record Situation(
        Classification classification,
        Tier tier,
        boolean trainsOnData,
        boolean zeroDataRetention,
        Boolean trainingOptOut,
        Set<FindingKind> findings) {

    /** The kinds of synthetic finding the domain enumerates. */
    public enum FindingKind {
        /** A credential ({@code SECRET}). */
        SECRET,
        /** Ordinary personal data ({@code EMAIL_ADDRESS}). */
        PII,
        /** High-risk personal data ({@code US_SSN}). */
        HIGH_RISK_PII,
        /** An organization term whose set is {@code CONFIDENTIAL}. */
        CUSTOM,
        /** An organization term whose set asks to be redacted. */
        CUSTOM_REDACT
    }

    public Situation {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(tier, "tier");
        findings = findings.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(findings));
    }

    /**
     * The whole domain, in a stable order: classification × tier × trainsOnData × zero data retention × opt-out
     * (true, false, unknown) × every subset of finding kinds. {@link Tier#UNKNOWN} appears only as the spec
     * defines it (trains, no zero data retention, opt-out unknown).
     */
    public static List<Situation> all() {
        List<Set<FindingKind>> subsets = new ArrayList<>();
        FindingKind[] kinds = FindingKind.values();
        for (int mask = 0; mask < 1 << kinds.length; mask++) {
            Set<FindingKind> s = EnumSet.noneOf(FindingKind.class);
            for (int i = 0; i < kinds.length; i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(kinds[i]);
                }
            }
            subsets.add(s);
        }
        List<Situation> all = new ArrayList<>();
        Boolean[] optOuts = {null, Boolean.TRUE, Boolean.FALSE};
        for (Classification c : Classification.values()) {
            for (Tier t : Tier.values()) {
                for (Set<FindingKind> f : subsets) {
                    if (t == Tier.UNKNOWN) {
                        all.add(new Situation(c, t, true, false, null, f));
                        continue;
                    }
                    for (boolean trains : new boolean[] {false, true}) {
                        for (boolean zdr : new boolean[] {false, true}) {
                            for (Boolean optOut : optOuts) {
                                all.add(new Situation(c, t, trains, zdr, optOut, f));
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(all);
    }

    /** E.g. {@code CONFIDENTIAL to API (trains, no ZDR, opt-out unknown) with SECRET, PII}. */
    public String describe() {
        String optOut = trainingOptOut == null ? "opt-out unknown" : trainingOptOut ? "opted out" : "not opted out";
        return classification + " to " + tier + " (" + (trainsOnData ? "trains" : "no training") + ", "
                + (zeroDataRetention ? "ZDR" : "no ZDR") + ", " + optOut + ")"
                + (findings.isEmpty()
                        ? ""
                        : " with " + findings.stream().map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** A compact key, e.g. {@code confidential/api/trains/no-zdr/opt-out-unknown/secret+pii}. */
    public String key() {
        return (classification + "/" + tier + "/" + (trainsOnData ? "trains" : "no-training") + "/"
                        + (zeroDataRetention ? "zdr" : "no-zdr") + "/"
                        + (trainingOptOut == null ? "opt-out-unknown" : trainingOptOut ? "opted-out" : "not-opted-out")
                        + "/"
                        + (findings.isEmpty()
                                ? "no-findings"
                                : findings.stream().map(Enum::name).collect(Collectors.joining("+"))))
                .toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return describe();
    }
}
