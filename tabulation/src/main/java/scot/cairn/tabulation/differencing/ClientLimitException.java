package scot.cairn.tabulation.differencing;

/**
 * A user-defined area this client may not release now: no API key where one is needed (401), or
 * the client's quota of new areas used up (429). The message says what to do instead.
 */
public final class ClientLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** An API key is needed (401). */
        API_KEY_NEEDED,
        /** The client's quota of new areas is used up (429). */
        CLIENT_QUOTA
    }

    private final Reason reason;

    public ClientLimitException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
