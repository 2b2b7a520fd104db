package scot.cairn.loaders.cube;

/**
 * What a successful load published.
 *
 * @param slug         the dataset
 * @param observations observations written (marker rows included)
 * @param triples      quads written to the data and metadata graphs
 * @param seconds      wall time from opening the file to the commit
 */
public record LoadReport(String slug, long observations, long triples, double seconds) {

    public String summary() {
        return String.format(
                "%s: %,d observations, %,d triples in %.1f s (%,.0f triples/s)",
                slug, observations, triples, seconds, seconds > 0 ? triples / seconds : 0.0);
    }
}
