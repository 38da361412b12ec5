package dev.clearance.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which conversation a stored Responses API answer belongs to: the {@code id} of every answer the gateway relayed
 * ({@code resp_…}, whole or from {@code response.created}), mapped to the conversation its request was decided
 * in, per route and caller. A request continuing it ({@code previous_response_id}) and a retrieve/cancel of it
 * ({@code /v1/responses/{id}}) then use that conversation's placeholders without a conversation header. Bounded
 * (least recently used forgotten); an id another caller or route relayed is never found, so no placeholder ever
 * passes to another caller.
 */
final class ResponseIds {
    /** What a response id may look like: the provider's ids are short tokens; anything else is refused. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final int maxEntries;
    private final Map<String, String> ids;

    ResponseIds(int maxEntries) {
        this.maxEntries = maxEntries;
        this.ids = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > ResponseIds.this.maxEntries;
            }
        };
    }

    private static String key(String route, String user, String responseId) {
        return route + '\u0000' + user + '\u0000' + responseId;
    }

    /** Remembers that {@code responseId} (relayed on {@code route} to {@code user}) is of {@code conversationId}. */
    synchronized void remember(String route, String user, String responseId, String conversationId) {
        if (maxEntries > 0 && responseId != null && ID.matcher(responseId).matches()) {
            ids.put(key(route, user, responseId), conversationId);
        }
    }

    /** The conversation {@code responseId} belongs to for this route and caller, or null when not known. */
    synchronized String conversation(String route, String user, String responseId) {
        return ids.get(key(route, user, responseId));
    }

    synchronized void forget(String route, String user, String responseId) {
        ids.remove(key(route, user, responseId));
    }

    synchronized int size() {
        return ids.size();
    }
}
