package scot.cairn.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.dboe.trans.bplustree.BPlusTree;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import org.apache.jena.tdb2.sys.TDBInternal;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.VersionRecord;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * What the fault suite checks in a data folder after a kill: TDB2's own invariants on every index
 * (order, fill, separators) and the same number of rows in each, an order-independent checksum of
 * every graph, and every kept version of each dataset rebuilt whole from its patches (as a
 * checksum of its N-Triples).
 */
final class StoreAudit {
    /** A graph's or a version's content: its triple count and the sum of its triples' 64-bit hashes. */
    record Sum(long triples, long hash) {
        @Override
        public String toString() {
            return String.format("%,d triples, %016x", triples, hash);
        }
    }

    /** What the audit found. */
    record Result(List<String> problems, Map<String, Sum> graphs, Map<String, Sum> versions) {
        boolean consistent() {
            return problems.isEmpty();
        }
    }

    private StoreAudit() {}

    /** Audits the data folder {@code data} (no process may hold it); opening it sweeps nothing of {@code tmp}. */
    static Result audit(Path data, Path auditTmp, List<String> slugs) {
        List<String> problems = new ArrayList<>();
        Map<String, Sum> graphs = new TreeMap<>();
        Map<String, Sum> versions = new TreeMap<>();
        try (TripleStore store =
                TripleStore.open(data.resolve("tdb2"), StoreTuning.defaults().withSortDir(auditTmp))) {
            store.read(dsg -> {
                checkIndexes(dsg, problems);
                return null;
            });
            for (String g : store.graphNames()) {
                graphs.put(g, graph(store, g));
            }
            try (Versions v =
                    new Versions(store, UriScheme.defaultScheme(), data.resolve("versions"), Long.MAX_VALUE)) {
                for (String slug : slugs) {
                    for (VersionRecord r : v.history(slug)) {
                        try {
                            HashingStream out = new HashingStream();
                            v.writeNTriples(slug, r.number(), out);
                            Sum sum = out.sum();
                            versions.put(slug + " v" + r.number(), sum);
                            if (sum.triples() != r.triples()) {
                                problems.add(slug + " v" + r.number() + " rebuilt with " + sum.triples()
                                        + " triples; its record says " + r.triples());
                            }
                        } catch (RuntimeException e) {
                            problems.add(slug + " v" + r.number() + " cannot be read: " + e);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            problems.add("the store cannot be opened or read: " + e);
        }
        return new Result(problems, graphs, versions);
    }

    private static void checkIndexes(DatasetGraph dsg, List<String> problems) {
        DatasetGraph d = dsg;
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(d);
        while (tdb == null && d instanceof DatasetGraphWrapper w) {
            d = w.getWrapped();
            tdb = TDBInternal.getDatasetGraphTDB(d);
        }
        if (tdb == null) {
            problems.add("not a TDB2 database: " + dsg.getClass().getName());
            return;
        }
        check("quad", tdb.getQuadTable().getNodeTupleTable().getTupleTable().getIndexes(), problems);
        check("triple", tdb.getTripleTable().getNodeTupleTable().getTupleTable().getIndexes(), problems);
    }

    private static void check(String table, TupleIndex[] indexes, List<String> problems) {
        long first = -1;
        for (TupleIndex index : indexes) {
            if (!(index instanceof TupleIndexRecord r) || !(r.getRangeIndex() instanceof BPlusTree tree)) {
                problems.add(table + " index " + index.getName() + " is not a B+tree");
                continue;
            }
            try {
                tree.check(); // TDB2's invariants: order, fill, separators
                long rows = 0;
                for (Iterator<Tuple<NodeId>> all = r.all(); all.hasNext(); all.next()) {
                    rows++;
                }
                if (first < 0) {
                    first = rows;
                } else if (rows != first) {
                    problems.add(table + " index " + index.getName() + " holds " + rows + " rows, the first " + first);
                }
            } catch (RuntimeException e) {
                problems.add(table + " index " + index.getName() + " fails TDB2's check: " + e);
            }
        }
    }

    /** The checksum of one graph of an open store. */
    static Sum audit(TripleStore store, String graph) {
        return graph(store, graph);
    }

    private static Sum graph(TripleStore store, String graph) {
        Node g = NodeFactory.createURI(graph);
        return store.read(dsg -> {
            long n = 0;
            long hash = 0;
            for (var it = dsg.find(g, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
                var q = it.next();
                hash += hash(NodeFmtLib.strNT(q.getSubject()) + ' ' + NodeFmtLib.strNT(q.getPredicate()) + ' '
                        + NodeFmtLib.strNT(q.getObject()) + " .");
                n++;
            }
            return new Sum(n, hash);
        });
    }

    /** 64-bit FNV-1a of the text's UTF-8 bytes. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The checksum of N-Triples written to it, line by line, in any order. */
    static final class HashingStream extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long n;
        private long hash;

        @Override
        public void write(int b) {
            if (b == '\n') {
                String l = line.toString(StandardCharsets.UTF_8).strip();
                line.reset();
                if (!l.isEmpty()) {
                    hash += hash(l);
                    n++;
                }
            } else {
                line.write(b);
            }
        }

        Sum sum() {
            write('\n');
            return new Sum(n, hash);
        }
    }
}
