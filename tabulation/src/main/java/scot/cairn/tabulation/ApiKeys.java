package scot.cairn.tabulation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API keys the operator issued, known only by their SHA-256 hashes (a key is never
 * configured or stored in clear), each under a client name that quotas and ownership use.
 * Clients present a key as {@code Authorization: Bearer <key>}. Immutable.
 */
public final class ApiKeys {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    /** Client name by lower-case hex hash. */
    private final Map<String, String> clientsByHash;

    private ApiKeys(Map<String, String> clientsByHash) {
        this.clientsByHash = Map.copyOf(clientsByHash);
    }

    /** No keys: every client is anonymous. */
    public static ApiKeys none() {
        return new ApiKeys(Map.of());
    }

    /**
     * Keys from client names to the SHA-256 (64 hex digits) of each client's key.
     *
     * @throws IllegalArgumentException naming the client for a bad name, a value that is not a
     *                                  SHA-256 in hex, or the same hash under two names
     */
    public static ApiKeys of(Map<String, String> hashesByClient) {
        Map<String, String> byHash = new HashMap<>();
        hashesByClient.forEach((client, hash) -> {
            if (client == null || !NAME.matcher(client).matches()) {
                throw new IllegalArgumentException("API key client name '" + client
                        + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            if (hash == null || !SHA256_HEX.matcher(hash.strip()).matches()) {
                throw new IllegalArgumentException(
                        "the API key of client '" + client
                                + "' must be given as its SHA-256 in 64 hex digits (printf %s KEY | sha256sum), never the key itself");
            }
            String previous = byHash.put(hash.strip().toLowerCase(Locale.ROOT), client);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "clients '" + previous + "' and '" + client + "' have the same API key");
            }
        });
        return new ApiKeys(byHash);
    }

    /** The client whose key this is, or empty for a key that was not issued. */
    public Optional<String> client(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > 1_000) {
            return Optional.empty();
        }
        return Optional.ofNullable(clientsByHash.get(sha256Hex(presentedKey)));
    }

    public boolean isEmpty() {
        return clientsByHash.isEmpty();
    }

    /** The SHA-256 of the UTF-8 bytes of {@code text}, in lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
