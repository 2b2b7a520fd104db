package scot.cairn.tabulation;

/** The microdata store failed (I/O, database); not the user's input. */
public final class TabulationStoreException extends RuntimeException {
    public TabulationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
