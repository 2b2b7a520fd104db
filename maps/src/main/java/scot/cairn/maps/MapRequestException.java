package scot.cairn.maps;

/** A map request that cannot be answered: the status (400 or 404) and a short plain-text reason. */
final class MapRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    MapRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static MapRequestException badRequest(String message) {
        return new MapRequestException(400, message);
    }

    static MapRequestException notFound(String message) {
        return new MapRequestException(404, message);
    }
}
