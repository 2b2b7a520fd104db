package scot.cairn.versions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;

/**
 * The content checksum of a version's data graph: the sum, modulo 2^256, of the SHA-256 digests
 * of its triples, each written as one canonical N-Triples line ({@link #line}, UTF-8, without the
 * line end), as 64 hex digits after {@code sha256-sum:}.
 *
 * <p>A sum of digests does not depend on the order of the triples and can be brought up to date
 * from the change alone (add the digests of added triples, subtract those of removed ones), so a
 * new version of a large dataset with few changes needs no pass over all its triples. Anyone can
 * recompute it from the version's N-Triples download. Not thread-safe.
 */
final class ContentChecksum {
    static final String PREFIX = "sha256-sum:";

    // 256-bit unsigned accumulator, most significant word first
    private final long[] words = new long[4];
    private final MessageDigest sha;

    ContentChecksum() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Continues from a recorded checksum. */
    static ContentChecksum parse(String recorded) {
        ContentChecksum c = new ContentChecksum();
        if (recorded == null || !recorded.startsWith(PREFIX) || recorded.length() != PREFIX.length() + 64) {
            throw new IllegalArgumentException("not a content checksum: " + recorded);
        }
        ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex(recorded.substring(PREFIX.length())));
        for (int i = 0; i < 4; i++) {
            c.words[i] = b.getLong();
        }
        return c;
    }

    /** The canonical N-Triples line of a triple, without the line end. */
    static String line(Triple t) {
        return NodeFmtLib.strNT(t.getSubject()) + " " + NodeFmtLib.strNT(t.getPredicate()) + " "
                + NodeFmtLib.strNT(t.getObject()) + " .";
    }

    // Formatting is most of the cost of a line: URIs repeat (predicates, codes, units, the subject
    // of consecutive triples), so their N-Triples forms are kept (bounded).
    private final Map<Node, String> formatted = new HashMap<>();

    private String nt(Node n) {
        if (!n.isURI()) {
            return NodeFmtLib.strNT(n);
        }
        String s = formatted.get(n);
        if (s == null) {
            if (formatted.size() >= 50_000) {
                formatted.clear();
            }
            s = plainIri(n.getURI()) ? "<" + n.getURI() + ">" : NodeFmtLib.strNT(n);
            formatted.put(n, s);
        }
        return s;
    }

    /**
     * True when N-Triples writes the IRI as it is: printable ASCII without the characters an
     * IRIREF excludes (then {@code <iri>} is exactly Jena's form; anything else goes to Jena).
     */
    static boolean plainIri(String iri) {
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|'
                    || c == '^' || c == '`' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private String cachedLine(Triple t) {
        return nt(t.getSubject()) + " " + nt(t.getPredicate()) + " " + nt(t.getObject()) + " .";
    }

    void add(Triple t) {
        addDigest(digest(cachedLine(t)), false);
    }

    void remove(Triple t) {
        addDigest(digest(cachedLine(t)), true);
    }

    /** Adds the digest of one N-Triples line (as in the download, without its line end). */
    void addLine(String line) {
        addDigest(digest(line), false);
    }

    private byte[] digest(String line) {
        return sha.digest(line.getBytes(StandardCharsets.UTF_8));
    }

    private void addDigest(byte[] d, boolean subtract) {
        ByteBuffer b = ByteBuffer.wrap(d);
        long[] x = new long[4];
        for (int i = 0; i < 4; i++) {
            x[i] = b.getLong();
        }
        if (subtract) {
            // two's complement over 256 bits: invert and add one
            for (int i = 0; i < 4; i++) {
                x[i] = ~x[i];
            }
            addWords(x);
            addWords(new long[] {0, 0, 0, 1});
        } else {
            addWords(x);
        }
    }

    private void addWords(long[] x) {
        long carry = 0;
        for (int i = 3; i >= 0; i--) {
            long a = words[i];
            long s = a + x[i];
            long c1 = Long.compareUnsigned(s, a) < 0 ? 1 : 0;
            long s2 = s + carry;
            long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            words[i] = s2;
            carry = c1 | c2;
        }
    }

    String value() {
        ByteBuffer b = ByteBuffer.allocate(32);
        for (long w : words) {
            b.putLong(w);
        }
        return PREFIX + HexFormat.of().formatHex(b.array());
    }
}
