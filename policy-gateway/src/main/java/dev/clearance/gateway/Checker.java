package dev.clearance.gateway;

import dev.clearance.Classification;
import dev.clearance.Conversation;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides every part of one request and writes redactions back into its tree. A part already decided for the
 * same caller, destination, classification and conversation (an earlier message of the history, sent again on
 * every turn) is not decided again: its outcome comes from a bounded cache keyed by a keyed hash of all of that,
 * content included; the content itself is never stored.
 */
final class Checker {
    /** What the request as a whole may do. */
    /** @param remedy what the sender can do about a DENY ({@code Remediation.hint()}), "" when nothing */
    record Outcome(Effect effect, List<String> deniedBy, int decided, int cached, String remedy) {}

    /** A part's outcome: the redacted text (null when unchanged) and the rule ids that denied it. */
    private record Cached(Effect effect, String redacted, List<String> deniedBy, String remedy) {}

    private final PolicyDecider engine;
    private final Map<String, Cached> cache;
    private final int cacheEntries;
    private final byte[] key = new byte[32];
    private final java.util.function.LongSupplier generation;

    /** {@code generation}: changes whenever another pack serves (hot reload), even at the same version. */
    Checker(PolicyDecider engine, int cacheEntries, java.util.function.LongSupplier generation) {
        this.engine = engine;
        this.generation = generation;
        this.cacheEntries = cacheEntries;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > Checker.this.cacheEntries;
            }
        };
        new SecureRandom().nextBytes(key);
    }

    /**
     * @param template the request every part is decided as (user, destination, classification); its content is
     *     replaced by each part's
     * @param attachmentClassification what an attachment is decided at (at least the request's)
     */
    Outcome check(
            List<Parts.Part> parts,
            PolicyRequest template,
            Classification attachmentClassification,
            Conversation conversation,
            String conversationId,
            String requestId) {
        Effect effect = Effect.ALLOW;
        Set<String> denied = new LinkedHashSet<>();
        String remedy = "";
        int decided = 0;
        int cached = 0;
        String scope = conversationId
                + '\u0000'
                + engine.packId()
                + '@'
                + engine.packVersion()
                + '#'
                + generation.getAsLong()
                + '\u0000'
                + template.user()
                + '\u0000'
                + template.destination()
                + '\u0000'
                + template.data().classification();
        for (int i = 0; i < parts.size(); i++) {
            Parts.Part part = parts.get(i);
            Cached outcome;
            if (part.isAttachment()) {
                PolicyRequest r = PolicyRequest.builder()
                        .id(requestId + "#" + i)
                        .user(template.user().id(), template.user().groups().toArray(String[]::new))
                        .destination(template.destination())
                        .classification(Classification.max(template.data().classification(), attachmentClassification))
                        .labels("attachment", "attachment:" + part.attachment())
                        .content("")
                        .build();
                outcome = toCached(engine.evaluate(r, conversation), null);
                decided++;
            } else {
                String k = cacheEntries > 0 ? hash(scope, part.text()) : null;
                outcome = k == null ? null : lookup(k);
                if (outcome == null) {
                    Decision d = engine.evaluate(
                            template.withId(requestId + "#" + i).withContent(part.text()), conversation);
                    outcome = toCached(d, part.text());
                    decided++;
                    if (k != null) {
                        store(k, outcome);
                    }
                } else {
                    cached++;
                }
                if (outcome.effect() == Effect.REDACT && outcome.redacted() != null) {
                    part.replace().replace(outcome.redacted());
                }
            }
            if (outcome.effect() == Effect.DENY) {
                effect = Effect.DENY;
                denied.addAll(outcome.deniedBy());
                if (remedy.isEmpty()) {
                    remedy = outcome.remedy();
                }
            } else if (outcome.effect() == Effect.REDACT && effect == Effect.ALLOW) {
                effect = Effect.REDACT;
            }
        }
        return new Outcome(effect, List.copyOf(denied), decided, cached, remedy);
    }

    private static Cached toCached(Decision d, String original) {
        List<String> deniedBy = new ArrayList<>();
        if (d.effect() == Effect.DENY) {
            for (Reason r : d.reasons()) {
                if (r.effect() == Effect.DENY) {
                    deniedBy.add(r.ruleId());
                }
            }
            if (deniedBy.isEmpty()) {
                deniedBy.addAll(d.ruleIds());
            }
        }
        String redacted = d.effect() == Effect.REDACT ? d.redactedContent().orElse(null) : null;
        Effect effect = d.effect();
        if (effect == Effect.REDACT && (redacted == null || redacted.equals(original))) {
            // nothing to replace: the part goes as it is
            effect = redacted == null ? Effect.DENY : Effect.ALLOW;
            if (redacted == null) {
                deniedBy.addAll(d.ruleIds());
            }
        }
        String remedy = d.reasons().stream()
                .map(Reason::remediation)
                .filter(java.util.Objects::nonNull)
                .map(dev.clearance.Remediation::hint)
                .findFirst()
                .orElse("");
        return new Cached(effect, redacted, List.copyOf(deniedBy), remedy);
    }

    private synchronized Cached lookup(String k) {
        return cache.get(k);
    }

    private synchronized void store(String k, Cached c) {
        cache.put(k, c);
    }

    synchronized int cacheSize() {
        return cache.size();
    }

    /** A keyed hash (HMAC-SHA256 under a random per-process key), so cache keys reveal nothing of the content. */
    String hash(String scope, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
