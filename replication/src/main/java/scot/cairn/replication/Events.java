package scot.cairn.replication;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The records of one publication on the topic, all in one Kafka transaction and keyed by its
 * generation: first the files beside the store that changed (the versions folder's reverse
 * patches), each in chunks; then the names of files removed; then the change itself as RDF Patch
 * text in chunks (the first may say which graphs it drops whole: {@link GraphDrops}); last an end
 * record. Every record carries its generation and kind
 * in headers, so a reader needs no other state.
 */
final class Events {
    /** Bytes of file or patch per record: under Kafka's default 1 MB message limit. */
    static final int CHUNK_BYTES = 512 * 1024;

    static final String GENERATION = "cairn-generation";
    static final String KIND = "cairn-kind";
    static final String PATH = "cairn-path";
    static final String LAST = "cairn-last";
    static final String CHANGES = "cairn-changes";
    /** On the first patch record: the graphs the patch drops whole ({@link GraphDrops}). */
    static final String DROPS = "cairn-drops";

    static final String FILE = "file";
    static final String DELETE = "delete";
    static final String PATCH = "patch";
    static final String END = "end";

    private Events() {}

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The record's generation; a record without one is not Cairn's and is refused. */
    static long generation(ConsumerRecord<String, byte[]> r) {
        String g = header(r.headers(), GENERATION);
        if (g == null) {
            throw new IllegalStateException("record at offset " + r.offset() + " of " + r.topic()
                    + " is not a Cairn publication (no " + GENERATION + " header)");
        }
        return Long.parseLong(g);
    }

    static String kind(ConsumerRecord<String, byte[]> r) {
        String k = header(r.headers(), KIND);
        return k == null ? "" : k;
    }
}
