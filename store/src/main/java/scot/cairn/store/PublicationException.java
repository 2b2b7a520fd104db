package scot.cairn.store;

/** A publication was refused or failed; nothing it would have changed has been changed. */
public class PublicationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublicationException(String message) {
        super(message);
    }

    public PublicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
