package scot.cairn.endpoint;

/**
 * A request the endpoint answers with an error status and a short plain-text body.
 *
 * <p>The texts of {@link #timeout()} and {@link #tooLarge()} are a contract: statistics.gov.scot
 * clients compare the body with exactly {@value #REQUEST_TIMEOUT} and {@value #RESPONSE_TOO_LARGE}.
 */
final class SparqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String REQUEST_TIMEOUT = "Request Timeout";
    static final String RESPONSE_TOO_LARGE = "Response too large";
    static final String NO_SCRATCH =
            "Server cannot hold this result for sending now (no room for temporary files): try again later";
    static final String UPDATE_REFUSED = "SPARQL Update is not accepted on the public endpoint";

    private final int status;

    SparqlFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** 503: the query ran past the time limit and was cancelled. */
    static SparqlFailure timeout() {
        return new SparqlFailure(503, REQUEST_TIMEOUT);
    }

    /** 400: the result has more rows or bytes than the limits allow. */
    static SparqlFailure tooLarge() {
        return new SparqlFailure(400, RESPONSE_TOO_LARGE);
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
