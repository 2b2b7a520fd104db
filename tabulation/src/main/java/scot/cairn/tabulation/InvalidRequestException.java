package scot.cairn.tabulation;

/** A request that is malformed or names things that do not exist (HTTP 400). */
public final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
