package scot.cairn.loaders.cube;

/** Told how a load or validation is going, a few times a second and once at the end. */
@FunctionalInterface
public interface LoadProgress {

    /**
     * @param rows          CSV rows (tidy rows, after melting a wide file) processed so far
     * @param rowsPerSecond average rate since the start
     * @param done          true on the last call
     */
    void update(long rows, double rowsPerSecond, boolean done);

    LoadProgress NONE = (rows, rate, done) -> {};
}
