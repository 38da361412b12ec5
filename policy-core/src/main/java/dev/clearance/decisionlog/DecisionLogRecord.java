package dev.clearance.decisionlog;

import dev.clearance.Classification;
import dev.clearance.Effect;
import dev.clearance.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the audit log keeps of one decision: enough to answer who sent what kind of data where and what was
 * decided, and to recognise the same content again (keyed hash) — never the content and never a matched value.
 *
 * @param decisionId     the decision's id
 * @param time           when the decision was made
 * @param requestId      the caller's correlation id; nullable
 * @param effect         the effect
 * @param ruleIds        ids of the deciding rules
 * @param pack           pack id
 * @param packVersion    pack version
 * @param userId         the user; nullable
 * @param product        requested product id; nullable
 * @param provider       provider; nullable
 * @param tier           resolved tier ({@code UNKNOWN} when not catalogued and no tier given)
 * @param classification effective classification
 * @param declaredClassification declared classification
 * @param findingCounts  finding type → count
 * @param contentLength  content length in UTF-16 code units; 0 without content
 * @param contentHash    hex HMAC-SHA256 of the content's UTF-8 bytes under the audit key; null without content
 * @param elapsedMicros  evaluation time
 */
public record DecisionLogRecord(
        String decisionId,
        Instant time,
        String requestId,
        Effect effect,
        List<String> ruleIds,
        String pack,
        String packVersion,
        String userId,
        String product,
        String provider,
        Tier tier,
        Classification classification,
        Classification declaredClassification,
        Map<String, Integer> findingCounts,
        int contentLength,
        String contentHash,
        long elapsedMicros) {

    public DecisionLogRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(effect, "effect");
        ruleIds = List.copyOf(ruleIds);
        findingCounts = Map.copyOf(findingCounts);
    }
}
