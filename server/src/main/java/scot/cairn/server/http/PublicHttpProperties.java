package scot.cairn.server.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The headers of the public port, bound from {@code cairn.http.*} (docs/operations.md, "Headers").
 *
 * @param cors                  who may read the public data from a web page elsewhere
 * @param frameAncestors        CSP {@code frame-ancestors}: who may show the pages in a frame
 *                              ({@code 'self'} by default; {@code 'none'}, or {@code 'self'} and a
 *                              list of origins, e.g. {@code 'self' https://www.gov.scot})
 * @param referrerPolicy        the {@code Referrer-Policy} header
 * @param contentSecurityPolicy the whole {@code Content-Security-Policy}, replacing the built-in one
 *                              ({@link ContentSecurityPolicy}); empty keeps the built-in policy
 */
@ConfigurationProperties(prefix = "cairn.http")
public record PublicHttpProperties(
        @DefaultValue Cors cors,
        @DefaultValue("'self'") String frameAncestors,
        @DefaultValue("strict-origin-when-cross-origin") String referrerPolicy,
        @DefaultValue("") String contentSecurityPolicy) {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");
    private static final Pattern SOURCE = Pattern.compile("'self'|'none'|https?://[A-Za-z0-9.*-]+(:\\d{1,5})?");
    private static final List<String> REFERRER_POLICIES = List.of(
            "no-referrer",
            "no-referrer-when-downgrade",
            "origin",
            "origin-when-cross-origin",
            "same-origin",
            "strict-origin",
            "strict-origin-when-cross-origin",
            "unsafe-url");

    public PublicHttpProperties {
        cors = cors == null ? new Cors(List.of("*"), Duration.ofDays(1)) : cors;
        frameAncestors = frameAncestors == null || frameAncestors.isBlank() ? "'self'" : frameAncestors.strip();
        for (String source : frameAncestors.split("\\s+")) {
            if (!SOURCE.matcher(source).matches()) {
                throw new IllegalArgumentException("cairn.http.frame-ancestors: '" + source
                        + "' is not 'self', 'none' or an origin such as https://www.gov.scot");
            }
        }
        if (frameAncestors.contains("'none'") && !frameAncestors.equals("'none'")) {
            throw new IllegalArgumentException(
                    "cairn.http.frame-ancestors: 'none' cannot be combined with other sources: " + frameAncestors);
        }
        referrerPolicy = referrerPolicy == null || referrerPolicy.isBlank()
                ? "strict-origin-when-cross-origin"
                : referrerPolicy.strip().toLowerCase(Locale.ROOT);
        if (!REFERRER_POLICIES.contains(referrerPolicy)) {
            throw new IllegalArgumentException(
                    "cairn.http.referrer-policy must be one of " + REFERRER_POLICIES + ": " + referrerPolicy);
        }
        contentSecurityPolicy = contentSecurityPolicy == null ? "" : contentSecurityPolicy.strip();
        if (contentSecurityPolicy.indexOf('\n') >= 0 || contentSecurityPolicy.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("cairn.http.content-security-policy must be one line");
        }
    }

    /** The defaults, as an empty configuration binds them. */
    public static PublicHttpProperties defaults() {
        return new PublicHttpProperties(null, null, null, null);
    }

    /**
     * Cross-origin reading ({@code Access-Control-*}); never with credentials.
     *
     * @param allowedOrigins {@code *} (the default: the data are public) or the origins whose
     *                       pages may read the responses, e.g. {@code https://maps.example.scot}
     * @param maxAge         how long a browser may keep a preflight's answer
     */
    public record Cors(
            @DefaultValue("*") List<String> allowedOrigins,
            @DefaultValue("24h") Duration maxAge) {
        public Cors {
            allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty()
                    ? List.of("*")
                    : allowedOrigins.stream()
                            .map(String::strip)
                            .filter(o -> !o.isEmpty())
                            .toList();
            for (String origin : allowedOrigins) {
                if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                    throw new IllegalArgumentException(
                            "cairn.http.cors.allowed-origins: '" + origin
                                    + "' is not * nor an origin (scheme://host[:port], no path), e.g. https://maps.example.scot");
                }
            }
            if (allowedOrigins.contains("*") && allowedOrigins.size() > 1) {
                throw new IllegalArgumentException(
                        "cairn.http.cors.allowed-origins: * allows every origin; list origins or give * alone");
            }
            maxAge = maxAge == null ? Duration.ofDays(1) : maxAge;
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("cairn.http.cors.max-age must not be negative: " + maxAge);
            }
        }
    }
}
