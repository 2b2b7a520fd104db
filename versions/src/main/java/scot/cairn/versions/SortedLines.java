package scot.cairn.versions;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.jena.atlas.data.BagFactory;
import org.apache.jena.atlas.data.SerializationFactory;
import org.apache.jena.atlas.data.SortedDataBag;
import org.apache.jena.atlas.data.ThresholdPolicyFactory;
import org.apache.jena.atlas.iterator.IteratorCloseable;
import org.apache.jena.atlas.lib.Sink;

/**
 * Lines written in sorted order (Java's {@link String} order) within bounded memory: Jena's
 * {@link SortedDataBag} keeps up to {@value #IN_MEMORY} lines in memory and spills sorted runs to
 * temporary files beyond that, then merges them. A version's canonical N-Triples are sorted this
 * way instead of as one list of every line.
 */
final class SortedLines {
    /** Lines held in memory at once (about 25 MB of N-Triples lines). */
    static final int IN_MEMORY = 100_000;

    private SortedLines() {}

    /**
     * Writes {@code lines} to {@code out} (not closed) in sorted order, each ended by a line feed;
     * returns how many.
     */
    static long write(Iterator<String> lines, OutputStream out) {
        return write(lines, out, IN_MEMORY);
    }

    static long write(Iterator<String> lines, OutputStream out, int inMemory) {
        SortedDataBag<String> bag = BagFactory.newSortedBag(
                ThresholdPolicyFactory.count(inMemory), new Strings(), Comparator.<String>naturalOrder());
        try {
            lines.forEachRemaining(bag::add);
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            long n = 0;
            for (String l : bag) {
                w.write(l);
                w.write('\n');
                n++;
            }
            w.flush();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            bag.close();
        }
    }

    /** Length-prefixed UTF-8, so that no line length limit applies. */
    private static final class Strings implements SerializationFactory<String> {
        @Override
        public Sink<String> createSerializer(OutputStream os) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
            return new Sink<>() {
                @Override
                public void send(String s) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    try {
                        out.writeInt(b.length);
                        out.write(b);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void flush() {
                    try {
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        out.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }

        @Override
        public Iterator<String> createDeserializer(InputStream is) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16));
            return new IteratorCloseable<>() {
                private String next;
                private boolean done;

                @Override
                public boolean hasNext() {
                    if (next == null && !done) {
                        try {
                            int length = in.readInt();
                            byte[] b = in.readNBytes(length);
                            if (b.length != length) {
                                throw new IOException("a spilled line ends early");
                            }
                            next = new String(b, StandardCharsets.UTF_8);
                        } catch (EOFException end) {
                            done = true;
                            close();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return next != null;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    String s = next;
                    next = null;
                    return s;
                }

                @Override
                public void close() {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    }
}
