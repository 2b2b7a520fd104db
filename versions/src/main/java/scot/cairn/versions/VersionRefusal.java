package scot.cairn.versions;

/**
 * A request for old versions that is refused within the limits of {@link VersionLimits}: the
 * status and plain-text message the client gets, and for 503 the seconds after which trying
 * again makes sense ({@code Retry-After}).
 */
final class VersionRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exact text of a timeout, as the public {@code /sparql} endpoint sends it. */
    static final String REQUEST_TIMEOUT = "Request Timeout";

    private final int status;
    private final long retryAfterSeconds;

    private VersionRefusal(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    /** Seconds for {@code Retry-After}, or 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 503: the request ran past its time limit (building counts); {@value #REQUEST_TIMEOUT}. */
    static VersionRefusal timeout() {
        return new VersionRefusal(503, REQUEST_TIMEOUT, 0);
    }

    /** 503 with {@code Retry-After}: no build or reading slot came free within the short wait. */
    static VersionRefusal busy(String message, long retryAfterSeconds) {
        return new VersionRefusal(503, message, Math.max(1, retryAfterSeconds));
    }

    /** 400: a request the server will not run as it stands; says why. */
    static VersionRefusal badRequest(String message) {
        return new VersionRefusal(400, message, 0);
    }

    /** 400: what was asked for is more than the server builds for one request; says what to do instead. */
    static VersionRefusal tooLarge(String message) {
        return new VersionRefusal(400, message, 0);
    }
}
