package scot.cairn.tabulation;

/** The microdata store failed (I/O, database); not the user's input. */
public final class TabulationStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TabulationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
