package scot.cairn.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import scot.cairn.formats.Html;
import scot.cairn.profiles.ProfileFormats;

/**
 * The built-in Content-Security-Policy: what the public pages actually need and no more. Scripts
 * and style sheets come from this server only (the web pages' own files, Leaflet and CodeMirror
 * from their jars); no inline script anywhere; the two inline style sheets (the linked-data pages'
 * and the printable profiles') are allowed by their SHA-256 hashes, so no page needs
 * {@code 'unsafe-inline'}; images may also be {@code data:} URIs (Leaflet's and the maps' icons);
 * nothing is fetched, framed or posted elsewhere. A page that adds an inline style or script must
 * add its hash here, or the browser tests (which fail on any violation) say so.
 */
public final class ContentSecurityPolicy {
    /** Inline style sheets the pages carry; each is allowed by its hash. */
    static final List<String> INLINE_STYLES = List.of(Html.STYLE, ProfileFormats.STYLE);

    private ContentSecurityPolicy() {}

    /** The policy for the given {@code frame-ancestors} sources. */
    public static String of(String frameAncestors) {
        StringBuilder style = new StringBuilder("'self'");
        for (String css : INLINE_STYLES) {
            style.append(" '").append(hash(css)).append('\'');
        }
        return "default-src 'self'; script-src 'self'; style-src " + style + "; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors "
                + frameAncestors;
    }

    /** CSP's hash source of an inline element's text: {@code sha256-<base64 of its UTF-8 SHA-256>}. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
