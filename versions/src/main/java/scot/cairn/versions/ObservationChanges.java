package scot.cairn.versions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.BulkQuads;
import scot.cairn.store.PublicationException;
import scot.cairn.store.SubjectChanges;

/**
 * The observations of a new version, one at a time as they stream in, each compared with what
 * the store holds and only the difference written, recorded in the {@link ReverseChange}.
 *
 * <p>A first version has nothing to compare with: every observation is new and goes to the
 * store's bulk writer ({@link BulkQuads}). A later one is compared subject by subject
 * ({@link SubjectChanges}: on TDB2 an unchanged observation costs no store read). Every
 * observation's triples must come together; the observations seen are kept as 64-bit hashes of
 * their URIs ({@link LongSet}), to tell afterwards which stored ones the new content dropped.
 */
final class ObservationChanges {
    private final Node data;
    private final String prefix;
    private final ReverseChange change;
    private final BulkQuads bulk;
    private final SubjectChanges stored;
    private final LongSet seen = new LongSet();
    private Node current;
    private final List<Triple> currentNew = new ArrayList<>();
    private long distinct;
    private long added;
    private long changed;
    private long unchanged;

    private ObservationChanges(Node data, String prefix, ReverseChange change, BulkQuads bulk, SubjectChanges stored) {
        this.data = data;
        this.prefix = prefix;
        this.change = change;
        this.bulk = bulk;
        this.stored = stored;
    }

    /** A first version's observations, all new, written by {@code bulk}. */
    static ObservationChanges first(Node data, String prefix, ReverseChange change, BulkQuads bulk) {
        return new ObservationChanges(data, prefix, change, bulk, null);
    }

    /** A later version's observations, compared through {@code stored}. */
    static ObservationChanges later(Node data, String prefix, ReverseChange change, SubjectChanges stored) {
        return new ObservationChanges(data, prefix, change, null, stored);
    }

    /** Whether {@code s} is an observation of the dataset (a URI under its own). */
    boolean isObservation(Node s) {
        return s.isURI() && s.getURI().startsWith(prefix);
    }

    /** Whether the new content had observation {@code s}. */
    boolean seen(Node s) {
        return seen.contains(LongSet.hash(s.getURI()));
    }

    /** One triple of an observation of the new content (in its stored form). */
    void accept(Triple t) {
        Node s = t.getSubject();
        if (!s.equals(current)) {
            flush();
            if (!seen.add(LongSet.hash(s.getURI()))) {
                throw new PublicationException("the triples of observation " + s.getURI()
                        + " were not written together; a versioned publication needs each observation in one run");
            }
            current = s;
        }
        currentNew.add(t);
    }

    /** Writes what is left and waits until the store holds it; on failure call {@link #cancel}. */
    void finish() {
        flush();
        if (bulk != null) {
            bulk.finish();
        }
        if (stored != null) {
            stored.finish();
        }
    }

    /** Stops the writers; the caller then aborts the transaction. */
    void cancel() {
        if (bulk != null) {
            bulk.cancel();
        }
        if (stored != null) {
            stored.cancel();
        }
    }

    /** Compares the observation just read with its stored triples and writes the difference. */
    private void flush() {
        if (current == null) {
            return;
        }
        Set<Triple> now = new HashSet<>(currentNew);
        distinct += now.size();
        if (stored == null) {
            added++; // a first version: nothing stored to compare with
            for (Triple t : now) {
                bulk.add(Quad.create(data, t));
                change.added(data, t);
            }
        } else {
            compare(now);
        }
        current = null;
        currentNew.clear();
    }

    /** Unchanged observations are told by {@link SubjectChanges} alone; the others are changed triple by triple. */
    private void compare(Set<Triple> now) {
        SubjectChanges.Stored before = stored.compare(current, now);
        if (before == null) {
            unchanged++;
            return;
        }
        if (before.triples().isEmpty()) {
            added++;
            for (Triple t : now) {
                before.add(t);
                change.added(data, t);
            }
            return;
        }
        Set<Triple> old = new HashSet<>(before.triples());
        boolean any = false;
        for (Triple t : old) {
            if (!now.contains(t)) {
                before.delete(t);
                change.removed(data, t);
                any = true;
            }
        }
        for (Triple t : now) {
            if (!old.contains(t)) {
                before.add(t);
                change.added(data, t);
                any = true;
            }
        }
        if (any) {
            changed++;
        } else {
            unchanged++;
        }
    }

    /** Distinct triples of the new content's observations. */
    long distinctTriples() {
        return distinct;
    }

    long added() {
        return added;
    }

    long changed() {
        return changed;
    }

    long unchanged() {
        return unchanged;
    }
}
