package scot.cairn.tabulation;

/**
 * A locality request that is well formed but may not be done: the name is taken, the client
 * does not own the locality, a quota is used up. The reason says which (the web layer maps it
 * to its HTTP status); the message says it in words a client can act on.
 */
public final class LocalityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No locality with that slug (404). */
        NOT_FOUND,
        /** Another locality has the slug (409). */
        TAKEN,
        /** The client does not own the locality (403). */
        NOT_OWNER,
        /** The client holds as many localities as it may (429). */
        CLIENT_QUOTA,
        /** The store holds as many localities as it may, for everyone (403). */
        STORE_FULL,
        /** An API key is needed, or the one given is not known (401). */
        API_KEY_NEEDED
    }

    private final Reason reason;

    public LocalityException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
