package scot.cairn.server.publish;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The publisher's user name and password, held only as a salted hash in memory, and the check of
 * an HTTP basic {@code Authorization} header against it.
 *
 * <p>Why not Jetty's password file: it is a properties file on disk (the password stayed there in
 * clear after shutdown), and it reads what follows a comma as role names, so {@code Pw-Alpha,Beta-9}
 * was truncated to {@code Pw-Alpha}. Here the password is whatever follows the first colon of the
 * decoded header (RFC 7617), every byte of it counts, and the comparison takes the same time
 * whatever matches. The hash is PBKDF2 with a random salt made at start: the point is that the
 * secret is never written anywhere and never compared in clear; the iteration count is modest
 * because the clear password is in the process's settings anyway, and every publishing request
 * pays for one check.
 */
public final class PublisherCredentials {
    /** Longest {@code Authorization} header looked at; longer ones are refused unread. */
    static final int MAX_HEADER_CHARS = 4096;

    private static final int ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt = new byte[16];
    private final byte[] hash;
    private final String user;

    /**
     * @param user     the publisher's user name (no colon, as basic authentication cannot carry one)
     * @param password the password; not kept
     */
    public PublisherCredentials(String user, String password) {
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException(
                    "the publisher's user name must be non-empty and contain no colon: " + user);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the publishing password must not be empty");
        }
        RANDOM.nextBytes(salt);
        this.user = user;
        this.hash = derive(user + ":" + password);
    }

    /** The user name (not a secret: it is logged and put into requests as the remote user). */
    public String user() {
        return user;
    }

    /** Whether the request carried any {@code Authorization} header at all. */
    static boolean presented(String header) {
        return header != null && !header.isBlank();
    }

    /** Whether {@code header} is {@code Basic base64(user:password)} with exactly these credentials. */
    boolean matches(String header) {
        if (header == null || header.length() > MAX_HEADER_CHARS || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (decoded.indexOf(':') < 0) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(decoded));
    }

    private byte[] derive(String userAndPassword) {
        PBEKeySpec spec = new PBEKeySpec(userAndPassword.toCharArray(), salt, ITERATIONS, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
