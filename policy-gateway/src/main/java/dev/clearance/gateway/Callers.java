package dev.clearance.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Who is calling: the user id (and groups) from a header, or from a gateway API key looked up in the keys file
 * ({@code keys: [{key, user, groups}]}). Keys are held as SHA-256 digests, never logged; the key a caller sent is
 * never forwarded upstream.
 */
final class Callers {
    record Caller(String user, List<String> groups) {}

    private static final int MAX_ID_CHARS = 256;

    private final String userHeader;
    private final String groupsHeader;
    private final Map<String, Caller> byKeyDigest;

    private Callers(String userHeader, String groupsHeader, Map<String, Caller> byKeyDigest) {
        this.userHeader = userHeader;
        this.groupsHeader = groupsHeader;
        this.byKeyDigest = byKeyDigest;
    }

    static Callers of(GatewayConfig config) {
        if (config.apiKeysFile() == null) {
            return new Callers(config.userHeader(), config.groupsHeader(), null);
        }
        return new Callers(null, null, readKeys(config.apiKeysFile()));
    }

    private static Map<String, Caller> readKeys(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new GatewayConfigException("identity.apiKeysFile", "cannot read the keys file as YAML");
        }
        JsonNode keys = root == null ? null : root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new GatewayConfigException("identity.apiKeysFile", "needs a list under keys");
        }
        Map<String, Caller> out = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode k = keys.get(i);
            String at = "identity.apiKeysFile: keys[" + i + "]";
            if (!k.isObject()) {
                throw new GatewayConfigException(at, "must be a mapping");
            }
            k.fieldNames().forEachRemaining(name -> {
                if (!List.of("key", "user", "groups").contains(name)) {
                    throw new GatewayConfigException(at + "." + name, "unknown key");
                }
            });
            String key = k.path("key").asText("");
            String user = k.path("user").asText("");
            if (key.length() < 16) {
                throw new GatewayConfigException(at + ".key", "a key of at least 16 characters is required");
            }
            if (user.isBlank()) {
                throw new GatewayConfigException(at + ".user", "is required");
            }
            List<String> groups = new ArrayList<>();
            k.path("groups").forEach(g -> groups.add(g.asText()));
            if (out.put(digest(key), new Caller(user, List.copyOf(groups))) != null) {
                throw new GatewayConfigException(at + ".key", "the same key as an earlier entry");
            }
        }
        return Map.copyOf(out);
    }

    /** Headers the gateway reads for identity: never forwarded. */
    boolean isIdentityHeader(String name) {
        return name.equalsIgnoreCase(HttpHeader.AUTHORIZATION.asString())
                || name.equalsIgnoreCase("x-api-key")
                || (userHeader != null && name.equalsIgnoreCase(userHeader))
                || (groupsHeader != null && name.equalsIgnoreCase(groupsHeader));
    }

    /** The caller, or null when the request does not identify one the gateway accepts. */
    Caller identify(HttpFields headers) {
        if (byKeyDigest == null) {
            String user = headers.get(userHeader);
            if (user == null || user.isBlank() || user.length() > MAX_ID_CHARS) {
                return null;
            }
            List<String> groups = new ArrayList<>();
            if (groupsHeader != null && headers.get(groupsHeader) != null) {
                for (String g : headers.get(groupsHeader).split(",")) {
                    if (!g.isBlank()) {
                        groups.add(g.strip());
                    }
                }
            }
            return new Caller(user.strip(), List.copyOf(groups));
        }
        String presented = headers.get("x-api-key");
        String auth = headers.get(HttpHeader.AUTHORIZATION);
        if (presented == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = auth.substring(7).strip();
        }
        return presented == null ? null : byKeyDigest.get(digest(presented));
    }

    private static String digest(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
