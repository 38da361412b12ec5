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
 * same caller, destination, classification, conversation and pack (an earlier message of the history, sent again
 * on every turn) is not decided again: its outcome comes from a bounded cache.
 *
 * <p>A turn of a long conversation resends tens of kilobytes of history, so a lookup must cost far less than the
 * text's length: an entry is found by a hash of the scope, the text's length and a few chars at positions chosen
 * per process (constant time, whatever the length), and confirmed by comparing the whole text and scope (a hit is
 * always the same text; a colliding text only costs a comparison that stops at its first difference). The texts
 * are held in memory only, as the engine's findings cache holds them, never written anywhere; the cache is
 * bounded in entries and in chars.
 */
final class Checker {
    /** What the request as a whole may do. */
    /** @param remedy what the sender can do about a DENY ({@code Remediation.hint()}), "" when nothing */
    record Outcome(Effect effect, List<String> deniedBy, int decided, int cached, String remedy) {}

    /** A part's outcome: the redacted text (null when unchanged) and the rule ids that denied it. */
    private record Cached(Effect effect, String redacted, List<String> deniedBy, String remedy) {}

    /** Positions sampled per text for the lookup hash. */
    private static final int SAMPLES = 16;

    private static final int SEED = new SecureRandom().nextInt();

    /** A part's cache key: its scope and whole text, found by a sampled hash and confirmed by equality. */
    private static final class Key {
        final String scope;
        final String text;
        final int hash;

        Key(String scope, int scopeHash, String text) {
            this.scope = scope;
            this.text = text;
            this.hash = scopeHash * 31 + sampledHash(text);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.text.equals(text) && k.scope.equals(scope);
        }
    }

    /** Most chars of text the cache holds (UTF-16: twice as many bytes), besides its entry bound. */
    static final long MAX_CACHED_CHARS = 32L << 20;

    private final PolicyDecider engine;
    private final Map<Key, Cached> cache;
    private final int cacheEntries;
    private long cachedChars;
    private final byte[] key = new byte[32];
    private final ThreadLocal<Mac> macs;
    private final java.util.function.LongSupplier generation;

    /** {@code generation}: changes whenever another pack serves (hot reload), even at the same version. */
    Checker(PolicyDecider engine, int cacheEntries, java.util.function.LongSupplier generation) {
        this.engine = engine;
        this.generation = generation;
        this.cacheEntries = cacheEntries;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                if (size() > Checker.this.cacheEntries || cachedChars > MAX_CACHED_CHARS) {
                    cachedChars -= eldest.getKey().text.length();
                    return true;
                }
                return false;
            }
        };
        new SecureRandom().nextBytes(key);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    /** The length and {@value #SAMPLES} chars at positions that depend on a per-process seed. */
    static int sampledHash(String text) {
        int n = text.length();
        int h = n * 0x9E3779B1 ^ SEED;
        if (n == 0) {
            return h;
        }
        int step = Math.max(1, n / SAMPLES);
        int at = Math.floorMod(SEED, step);
        for (int i = 0; i < SAMPLES && at < n; i++, at += step) {
            h = (h ^ text.charAt(at)) * 0x01000193;
        }
        return h ^ text.charAt(n - 1);
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
        return check(
                parts,
                template,
                attachmentClassification,
                conversation,
                scope(conversationId, template),
                requestId,
                null);
    }

    /**
     * What a part's outcome is cached under: the conversation, the pack serving (and its generation), the caller,
     * the destination and the classification.
     */
    String scope(String conversationId, PolicyRequest template) {
        ScopeParts parts = new ScopeParts(
                engine.packId(),
                engine.packVersion(),
                generation.getAsLong(),
                template.user(),
                template.destination(),
                template.data().classification());
        String tail = scopeTails.get(parts);
        if (tail == null) {
            tail = engine.packId()
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
            if (scopeTails.size() >= MAX_SCOPE_TAILS) {
                scopeTails.clear();
            }
            scopeTails.put(parts, tail);
        }
        return conversationId + '\u0000' + tail;
    }

    /** What a {@link #scope} is made of after the conversation; equal parts write the same text. */
    private record ScopeParts(
            String packId,
            String packVersion,
            long generation,
            PolicyRequest.User user,
            PolicyRequest.Destination destination,
            Classification classification) {}

    /**
     * The text of a scope after its conversation, by its parts (the user's and destination's record {@code
     * toString} formats: made once per caller and route, not per request); emptied when it has {@value
     * #MAX_SCOPE_TAILS}.
     */
    private final java.util.concurrent.ConcurrentHashMap<ScopeParts, String> scopeTails =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MAX_SCOPE_TAILS = 4096;

    /**
     * As {@link #check(List, PolicyRequest, Classification, Conversation, String, String)} with the {@link
     * #scope} given; {@code clean} (null, or one per part): set for each part allowed as it was (not an
     * attachment, nothing replaced).
     */
    Outcome check(
            List<Parts.Part> parts,
            PolicyRequest template,
            Classification attachmentClassification,
            Conversation conversation,
            String scope,
            String requestId,
            boolean[] clean) {
        Effect effect = Effect.ALLOW;
        Set<String> denied = new LinkedHashSet<>();
        String remedy = "";
        int decided = 0;
        int cached = 0;
        int scopeHash = scope.hashCode();
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
                Key k = cacheEntries > 0 && part.text().length() <= MAX_CACHED_CHARS / 64
                        ? new Key(scope, scopeHash, part.text())
                        : null;
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
                } else if (clean != null && outcome.effect() == Effect.ALLOW) {
                    clean[i] = true;
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

    private synchronized Cached lookup(Key k) {
        return cache.get(k);
    }

    private synchronized void store(Key k, Cached c) {
        if (cache.put(k, c) == null) {
            cachedChars += k.text.length();
        }
    }

    synchronized int cacheSize() {
        return cache.size();
    }

    /** Whether decisions are cached at all ({@code limits.cacheEntries} above 0). */
    boolean caching() {
        return cacheEntries > 0;
    }

    /**
     * A whole message of a request's history, by its exact bytes, in a scope: found by a sampled hash of the
     * bytes and confirmed by comparing them all (and the scope).
     */
    private static final class RawKey {
        String scope;
        byte[] bytes;
        int from;
        int to;
        int hash;

        RawKey(String scope, int scopeHash, byte[] bytes, int from, int to) {
            set(scope, scopeHash, bytes, from, to);
        }

        /** Only for {@link #probe}: a key in the map never changes. */
        void set(String scope, int scopeHash, byte[] bytes, int from, int to) {
            this.scope = scope;
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.hash = scopeHash * 31 + sampledHash(bytes, from, to);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RawKey k
                    && k.hash == hash
                    && java.util.Arrays.equals(bytes, from, to, k.bytes, k.from, k.to)
                    && k.scope.equals(scope);
        }
    }

    /** As {@link #sampledHash(String)}, over {@code bytes[from, to)}. */
    static int sampledHash(byte[] bytes, int from, int to) {
        int n = to - from;
        int h = n * 0x9E3779B1 ^ SEED;
        if (n == 0) {
            return h;
        }
        int step = Math.max(1, n / SAMPLES);
        int at = Math.floorMod(SEED, step);
        for (int i = 0; i < SAMPLES && at < n; i++, at += step) {
            h = (h ^ bytes[from + at]) * 0x01000193;
        }
        return h ^ bytes[to - 1];
    }

    /**
     * Messages (by their bytes and scope) whose every part was allowed as it was, with how many parts they have:
     * bounded like the part cache, in entries and in bytes.
     */
    private final Map<RawKey, Integer> messages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<RawKey, Integer> eldest) {
            if (size() > cacheEntries || cachedMessageBytes > MAX_CACHED_CHARS) {
                cachedMessageBytes -= eldest.getKey().to - eldest.getKey().from;
                return true;
            }
            return false;
        }
    };

    private long cachedMessageBytes;

    private static final byte[] EMPTY = new byte[0];

    /** The key {@link #knownMessage} looks up with, under this checker's lock (one per checker, not per message). */
    private final RawKey probe = new RawKey(null, 0, EMPTY, 0, 0);

    /** The parts of a message known allowed as it was in {@code scope}, or -1 when it is not known. */
    synchronized int knownMessage(String scope, int scopeHash, byte[] body, int from, int to) {
        if (cacheEntries <= 0) {
            return -1;
        }
        probe.set(scope, scopeHash, body, from, to);
        Integer parts = messages.get(probe);
        probe.set(null, 0, EMPTY, 0, 0); // holds no request's bytes
        return parts == null ? -1 : parts;
    }

    /** Remembers a message all of whose {@code parts} were allowed as they were in {@code scope} (its bytes copied). */
    synchronized void rememberMessage(String scope, int scopeHash, byte[] body, int from, int to, int parts) {
        if (cacheEntries <= 0 || to - from > MAX_CACHED_CHARS / 64) {
            return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(body, from, to);
        if (messages.put(new RawKey(scope, scopeHash, copy, 0, copy.length), parts) == null) {
            cachedMessageBytes += copy.length;
        }
    }

    /** A keyed hash (HMAC-SHA256 under a random per-process key), so cache keys reveal nothing of the content. */
    String hash(String scope, String text) {
        Mac mac = macs.get();
        mac.update(scope.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * As {@link #hash(String, String)} of {@code value}'s JSON text (UTF-8, as the gateway's mapper writes it), which
     * goes into the MAC as it is written: no string or array of it is made.
     */
    String hash(String scope, com.fasterxml.jackson.databind.JsonNode value) {
        Mac mac = macs.get();
        mac.update(scope.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        try {
            Dialect.JSON.writeValue(
                    new java.io.OutputStream() {
                        @Override
                        public void write(int b) {
                            mac.update((byte) b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            mac.update(b, off, len);
                        }
                    },
                    value);
        } catch (java.io.IOException e) {
            mac.reset();
            throw new IllegalStateException("cannot write JSON", e);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
