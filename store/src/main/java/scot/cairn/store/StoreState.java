package scot.cairn.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The store's own small state (its generation, and a replica's position in the replication log),
 * kept in TDB2's prefix table: that table is written in the same transaction as the quads and
 * committed or discarded with them, and no SPARQL answer ever reads it (queries see quads only), so
 * the state never shows in public results. Entries are prefix {@code cairn-state-<key>} with the
 * value URL-encoded in the IRI {@code urn:x-cairn:state:<value>}.
 */
final class StoreState {
    static final String GENERATION = "generation";
    private static final String PREFIX = "cairn-state-";
    private static final String IRI = "urn:x-cairn:state:";

    private StoreState() {}

    /** The entries (generation included), inside the caller's transaction. */
    static Map<String, String> read(DatasetGraph dsg) {
        Map<String, String> out = new TreeMap<>();
        PrefixMap prefixes = dsg.prefixes();
        prefixes.getMapping().forEach((prefix, iri) -> {
            if (prefix.startsWith(PREFIX) && iri.startsWith(IRI)) {
                out.put(
                        prefix.substring(PREFIX.length()),
                        URLDecoder.decode(iri.substring(IRI.length()), StandardCharsets.UTF_8));
            }
        });
        return out;
    }

    static long generation(DatasetGraph dsg) {
        String g = read(dsg).get(GENERATION);
        return g == null ? 0 : Long.parseLong(g);
    }

    /** Sets entries inside the caller's write transaction. */
    static void write(DatasetGraph dsg, Map<String, String> entries) {
        entries.forEach((k, v) -> {
            if (!k.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("state keys are lower-case words with hyphens, not '" + k + "'");
            }
            dsg.prefixes().add(PREFIX + k, IRI + URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    }
}
