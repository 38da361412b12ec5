package dev.clearance.internal.pack;

import dev.clearance.DetectionTuning;
import dev.clearance.TermSet;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.RuleFile;
import java.util.List;
import java.util.Map;

/**
 * What a pack holds once read and verified, before it is a {@code RulePack}.
 *
 * @param entityTypes the entity types the pack turns on ({@code entities:}), empty when off
 * @param phoneRegions the phone region hints ({@code phoneRegions:}), empty for the defaults
 * @param hashes SHA-256 of every file read (the manifest aside), by pack path
 * @param signed whether a signature was verified against a trusted key
 * @param fingerprint SHA-256 over the digests of every file read, the manifest and signature file included: two
 *     loads with the same id and version but another signature or other contents differ in it
 */
public record PackContents(
        String id,
        String version,
        String description,
        List<RuleFile> files,
        ProviderCatalog catalog,
        List<TermSet> termSets,
        DetectionTuning tuning,
        java.util.Set<String> entityTypes,
        List<String> phoneRegions,
        Map<String, String> hashes,
        boolean signed,
        String fingerprint) {
    public PackContents {
        files = List.copyOf(files);
        termSets = List.copyOf(termSets);
        entityTypes = java.util.Set.copyOf(entityTypes);
        phoneRegions = List.copyOf(phoneRegions);
        hashes = Map.copyOf(hashes);
    }
}
