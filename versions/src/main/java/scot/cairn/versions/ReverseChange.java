package scot.cairn.versions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.changes.RDFChangesNoOp;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;

/**
 * What a publication changes in a dataset, recorded as it is written: the reverse patch (the new
 * version back to the previous one) in a temporary file, and for the data graph the content
 * checksum and the number of triples. A first version has no previous one: no patch.
 *
 * <p>The patch goes into place ({@link #commit}) inside the publication's transaction, before it
 * commits; {@link #close} deletes a temporary file that never went into place.
 */
final class ReverseChange implements AutoCloseable {
    private final ContentChecksum sum;
    private long triples;
    private final RDFChanges patch;
    private final Path temp;
    private OutputStream out;
    private final RDFChangesWriterText writer;

    private ReverseChange(ContentChecksum sum, long triples, Path temp) throws IOException {
        this.sum = sum;
        this.triples = triples;
        this.temp = temp;
        if (temp == null) {
            this.out = null;
            this.writer = null;
            this.patch = new RDFChangesNoOp();
        } else {
            this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            this.writer = RDFChangesWriterText.create(out);
            writer.start();
            this.patch = writer;
        }
    }

    /** A first version: every triple is new, nothing to go back to. */
    static ReverseChange first() throws IOException {
        return new ReverseChange(new ContentChecksum(), 0, null);
    }

    /** Version {@code next} after {@code previous}, whose patch is written in {@code folder}. */
    static ReverseChange after(VersionRecord previous, int next, Path folder) throws IOException {
        Path temp = Files.createTempFile(folder, "." + next + "-" + previous.number() + "-", Patches.TEMP_SUFFIX);
        return new ReverseChange(ContentChecksum.parse(previous.checksum()), previous.triples(), temp);
    }

    /** A triple written to the data graph. */
    void added(Node g, Triple t) {
        patch.delete(g, t.getSubject(), t.getPredicate(), t.getObject());
        sum.add(t);
        triples++;
    }

    /** A triple deleted from the data graph. */
    void removed(Node g, Triple t) {
        patch.add(g, t.getSubject(), t.getPredicate(), t.getObject());
        sum.remove(t);
        triples--;
    }

    /** A triple written to the metadata graph: in the patch only, metadata is not part of the content. */
    void addedMetadata(Node g, Triple t) {
        patch.delete(g, t.getSubject(), t.getPredicate(), t.getObject());
    }

    /** A triple deleted from the metadata graph. */
    void removedMetadata(Node g, Triple t) {
        patch.add(g, t.getSubject(), t.getPredicate(), t.getObject());
    }

    /** Triples in the data graph after the changes recorded so far. */
    long triples() {
        return triples;
    }

    String checksum() {
        return sum.value();
    }

    /** Finishes the patch and puts it in place as {@code target}; returns its size in bytes. */
    long commit(Path target) throws IOException {
        writer.finish();
        writer.close();
        out.close();
        out = null;
        Patches.moveIntoPlace(temp, target);
        return Files.size(target);
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the temporary file is deleted below
            }
            out = null;
        }
        Patches.deleteQuietly(temp);
    }
}
