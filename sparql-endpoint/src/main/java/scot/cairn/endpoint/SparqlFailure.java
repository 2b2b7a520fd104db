package scot.cairn.endpoint;

/**
 * A request the endpoint answers with an error status and a short plain-text body.
 *
 * <p>The texts of {@link #timeout()} and {@link #tooLarge} are a contract: statistics.gov.scot
 * clients compare the body with exactly {@value #REQUEST_TIMEOUT} and {@value #RESPONSE_TOO_LARGE}.
 */
final class SparqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String REQUEST_TIMEOUT = "Request Timeout";
    static final String RESPONSE_TOO_LARGE = "Response too large";
    static final String NO_SCRATCH =
            "Server cannot hold this result for sending now (no room for temporary files): try again later";
    static final String UPDATE_REFUSED = "SPARQL Update is not accepted on the public endpoint";

    /** Header naming the row and byte limits on a {@value #RESPONSE_TOO_LARGE} answer. */
    static final String LIMITS_HEADER = "Cairn-Limits";

    private final int status;
    private final transient java.util.Map<String, String> headers;

    SparqlFailure(int status, String message) {
        this(status, message, java.util.Map.of());
    }

    private SparqlFailure(int status, String message, java.util.Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    /** Headers to send with the body (the body itself is a contract and stays as it is). */
    java.util.Map<String, String> headers() {
        return headers == null ? java.util.Map.of() : headers;
    }

    /** 503: the query ran past the time limit and was cancelled. */
    static SparqlFailure timeout() {
        return new SparqlFailure(503, REQUEST_TIMEOUT);
    }

    /**
     * 400: the result has more rows or bytes than the limits allow. The body is exactly {@value
     * #RESPONSE_TOO_LARGE} (clients compare it); {@value #LIMITS_HEADER} says the limits in words,
     * and when the query reads one dataset, a {@code Link} header gives that dataset's whole-cube CSV
     * download, which streams any size.
     */
    static SparqlFailure tooLarge(long maxRows, long maxBytes, String wholeDatasetDownload) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(
                LIMITS_HEADER,
                String.format(
                        java.util.Locale.ROOT,
                        "an answer may have at most %d rows and %d bytes%s",
                        maxRows,
                        maxBytes,
                        wholeDatasetDownload == null ? "" : "; the whole dataset: " + wholeDatasetDownload));
        if (wholeDatasetDownload != null) {
            headers.put("Link", "<" + wholeDatasetDownload + ">; rel=\"alternate\"; type=\"text/csv\"");
        }
        return new SparqlFailure(400, RESPONSE_TOO_LARGE, java.util.Map.copyOf(headers));
    }

    /** 503: a result too large for memory could not be written to the scratch folder (full or unwritable). */
    static SparqlFailure noScratch() {
        return new SparqlFailure(503, NO_SCRATCH);
    }

    /** 400: the request is a SPARQL Update (or names an update parameter or content type). */
    static SparqlFailure updateRefused() {
        return new SparqlFailure(400, UPDATE_REFUSED);
    }

    static SparqlFailure badRequest(String message) {
        return new SparqlFailure(400, message);
    }
}
