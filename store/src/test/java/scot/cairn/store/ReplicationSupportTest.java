package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What replication needs from the store: every write transaction's changes reported to an observer
 * whichever way they were written, applied elsewhere with the publisher's generation and the
 * replica's position in one transaction, hidden from queries, and a backup that restores both.
 */
class ReplicationSupportTest {
    static final Node G = NodeFactory.createURI("http://example.org/graph/cube");
    static final Node M = NodeFactory.createURI("http://example.org/graph/cube/metadata");
    static final Node P = NodeFactory.createURI("http://example.org/p");

    @TempDir
    Path dir;

    static Node obs(int i) {
        return NodeFactory.createURI("http://example.org/obs/" + i);
    }

    static Set<String> quads(TripleStore store) {
        return store.read(d -> {
            Set<String> out = new TreeSet<>();
            d.find().forEachRemaining(q -> {
                if (!q.isDefaultGraph()) {
                    out.add(q.toString());
                }
            });
            return out;
        });
    }

    /** Keeps each committed transaction's changes, as a publisher's log would. */
    static final class Log implements ChangeObserver {
        final List<Long> generations = new ArrayList<>();
        final List<List<Object[]>> committed = new ArrayList<>();
        int aborted;

        @Override
        public Recorder begin() {
            List<Object[]> changes = new ArrayList<>();
            return new Recorder() {
                @Override
                public void add(Quad quad) {
                    changes.add(new Object[] {true, quad});
                }

                @Override
                public void delete(Quad quad) {
                    changes.add(new Object[] {false, quad});
                }

                @Override
                public void droppedGraph(Node graph, long quads) {
                    changes.add(new Object[] {null, graph, quads}); // after its deletes
                }

                @Override
                public void prepare(long generation) {}

                @Override
                public void committed(long generation) {
                    generations.add(generation);
                    committed.add(changes);
                }

                @Override
                public void aborted() {
                    aborted++;
                }
            };
        }

        /** Applies every committed change not yet applied to {@code replica}, quad by quad. */
        void replay(TripleStore replica) {
            replay(replica, false);
        }

        /**
         * Applies every committed change not yet applied to {@code replica}; with {@code drops},
         * each graph dropped whole is dropped with {@link TripleStore.ReplicaSink#dropGraph} in
         * place of its deletes, as a replica does with the publisher's note of it.
         */
        void replay(TripleStore replica, boolean drops) {
            for (int i = 0; i < committed.size(); i++) {
                long g = generations.get(i);
                if (g <= replica.generation()) {
                    continue;
                }
                List<Object[]> changes = committed.get(i);
                Map<Integer, Node> dropAt = new java.util.HashMap<>();
                Set<Integer> skip = new HashSet<>();
                for (int k = 0; k < changes.size(); k++) {
                    Object[] c = changes.get(k);
                    if (c[0] == null) {
                        skip.add(k);
                        int n = (int) (long) (Long) c[2];
                        if (drops) {
                            dropAt.put(k - n, (Node) c[1]);
                            for (int j = k - n; j < k; j++) {
                                skip.add(j);
                            }
                        }
                    }
                }
                String offset = Long.toString(i);
                replica.applyReplicated(g, sink -> {
                    for (int k = 0; k < changes.size(); k++) {
                        Object[] c = changes.get(k);
                        if (dropAt.containsKey(k)) {
                            sink.dropGraph(dropAt.get(k));
                        }
                        if (skip.contains(k)) {
                            continue;
                        }
                        if ((Boolean) c[0]) {
                            sink.add((Quad) c[1]);
                        } else {
                            sink.delete((Quad) c[1]);
                        }
                    }
                    return Map.of("offset", offset);
                });
            }
        }

        /** How many graphs were noted as dropped whole. */
        long drops() {
            return committed.stream()
                    .flatMap(List::stream)
                    .filter(c -> c[0] == null)
                    .count();
        }
    }

    @Test
    void everyKindOfWriteIsReportedAndReplaysToTheSameContent() {
        ReplicatedChanges.class.getName(); // the bulk path is crossed below (30,000 adds in a row)
        try (TripleStore publisher = TripleStore.open(dir.resolve("publisher"));
                TripleStore replica = TripleStore.open(dir.resolve("replica"))) {
            Log log = new Log();
            publisher.observeChanges(log);
            // a publication whose adds go to the index threads, after a drop
            publisher.replaceGraphs(new GraphReplacement(List.of(G.getURI(), M.getURI()), sink -> {
                for (int i = 0; i < 30_000; i++) {
                    sink.add(G, obs(i), P, NodeFactory.createLiteralString("v" + i));
                }
                sink.add(M, G, P, NodeFactory.createLiteralString("meta"));
            }));
            // plain adds and deletes, a deleteAny and bulk adds inside write()
            publisher.write(dsg -> {
                dsg.delete(G, obs(1), P, NodeFactory.createLiteralString("v1"));
                dsg.add(G, obs(1), P, NodeFactory.createLiteralString("corrected"));
                dsg.deleteAny(G, obs(2), Node.ANY, Node.ANY);
                BulkQuads bulk = publisher.bulkQuads(dsg);
                for (int i = 0; i < 10; i++) {
                    bulk.add(Quad.create(M, obs(i), P, NodeFactory.createLiteralString("note")));
                }
                bulk.finish();
            });
            // changes compared subject by subject
            publisher.write(dsg -> {
                SubjectChanges changes =
                        publisher.subjectChanges(dsg, G, uri -> uri.startsWith("http://example.org/obs/"));
                SubjectChanges.Stored stored = changes.compare(
                        obs(3), Set.of(Triple.create(obs(3), P, NodeFactory.createLiteralString("three"))));
                stored.triples().forEach(stored::delete);
                stored.add(Triple.create(obs(3), P, NodeFactory.createLiteralString("three")));
                changes.finish();
            });
            // a SPARQL Update through the view the loopback Fuseki writes with
            var view = publisher.publishingView();
            org.apache.jena.system.Txn.executeWrite(
                    view,
                    () -> org.apache.jena.sparql.exec.UpdateExec.dataset(view)
                            .update("DELETE WHERE { GRAPH <" + G.getURI() + "> { <http://example.org/obs/4> ?p ?o } } ;"
                                    + " INSERT DATA { GRAPH <" + M.getURI()
                                    + "> { <http://example.org/x> <http://example.org/p> \"by update\" } }")
                            .execute());
            // a drop, and a transaction that fails: aborted, not logged
            publisher.dropGraphs(List.of(M.getURI()));
            assertThatThrownBy(() -> publisher.write(dsg -> {
                        dsg.add(G, obs(99_999), P, NodeFactory.createLiteralString("never"));
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");

            assertThat(log.aborted).isEqualTo(1);
            assertThat(log.generations).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(publisher.generation()).isEqualTo(5);
            log.replay(replica);
            assertThat(quads(replica)).hasSize(29_998).isEqualTo(quads(publisher));
            assertThat(replica.generation()).isEqualTo(5);
            assertThat(replica.state()).containsEntry("offset", "4").containsEntry("generation", "5");
        }
    }

    /** Per named graph: its quad count and the SHA-256 of its sorted quads, as ReplicationServersIT compares servers. */
    static Map<String, String> checksums(TripleStore store) {
        return store.read(d -> {
            Map<String, List<String>> lines = new java.util.TreeMap<>();
            d.find().forEachRemaining(q -> {
                if (!q.isDefaultGraph()) {
                    lines.computeIfAbsent(q.getGraph().getURI(), k -> new ArrayList<>())
                            .add(q.toString());
                }
            });
            Map<String, String> out = new java.util.TreeMap<>();
            lines.forEach((g, l) -> {
                l.sort(null);
                try {
                    byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                            .digest(String.join("\n", l).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.put(g, l.size() + " " + java.util.HexFormat.of().formatHex(digest));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
            return out;
        });
    }

    @Test
    void graphsDroppedWholeAreDroppedInOnePassWithTheSameQuadsChecksumsAndFigures() {
        try (TripleStore publisher = TripleStore.open(dir.resolve("publisher"));
                TripleStore byQuad = TripleStore.open(dir.resolve("by-quad"));
                TripleStore byDrop = TripleStore.open(dir.resolve("by-drop"))) {
            Log log = new Log();
            publisher.observeChanges(log);
            Node other = NodeFactory.createURI("http://example.org/graph/other");
            // 1: a new dataset and an unrelated graph
            publisher.replaceGraphs(new GraphReplacement(List.of(G.getURI(), M.getURI()), sink -> {
                for (int i = 0; i < 30_000; i++) {
                    sink.add(G, obs(i), P, NodeFactory.createLiteralString("v" + i));
                }
                sink.add(M, G, P, NodeFactory.createLiteralString("meta"));
            }));
            publisher.write(dsg -> dsg.add(other, obs(1), P, obs(2)));
            // 2: the dataset replaced: G and M dropped whole, then new content (bulk adds)
            publisher.replaceGraphs(new GraphReplacement(List.of(G.getURI(), M.getURI()), sink -> {
                for (int i = 10_000; i < 35_000; i++) {
                    sink.add(G, obs(i), P, NodeFactory.createLiteralString("w" + i));
                }
                sink.add(M, G, P, NodeFactory.createLiteralString("meta 2"));
            }));
            // 3: adds, then a drop of the graph they went to (its deletes include them), then adds again
            publisher.write(dsg -> {
                dsg.add(G, obs(1), P, NodeFactory.createLiteralString("short-lived"));
                publisher.drop(List.of(G));
                dsg.add(G, obs(2), P, NodeFactory.createLiteralString("after the drop"));
            });
            assertThat(log.drops()).as("graphs noted as dropped whole").isEqualTo(3);

            log.replay(byQuad, false);
            log.replay(byDrop, true);
            Map<String, String> expected = checksums(publisher);
            assertThat(expected).hasSize(3);
            assertThat(expected.get(G.getURI())).startsWith("1 ");
            assertThat(checksums(byDrop)).isEqualTo(expected).isEqualTo(checksums(byQuad));
            assertThat(quads(byDrop)).isEqualTo(quads(publisher));
            assertThat(byDrop.graphSizes())
                    .isEqualTo(publisher.graphSizes())
                    .isEqualTo(byQuad.graphSizes())
                    .containsEntry(G.getURI(), 1L);
            assertThat(byDrop.generation()).isEqualTo(publisher.generation()).isEqualTo(4);
            // the stores' indexes are whole after the drops (TDB2's own tree checks)
            assertThat(BPlusTreeMergeTest.indexes(byDrop))
                    .allSatisfy(index -> assertThat(index).hasSize(3));
        }
    }

    @Test
    void theGenerationAndPositionCommitWithTheChangeAndSurviveARestart() {
        Path folder = dir.resolve("replica");
        try (TripleStore replica = TripleStore.open(folder)) {
            replica.applyReplicated(7, sink -> {
                sink.add(Quad.create(G, obs(1), P, obs(2)));
                return Map.of("offset", "41");
            });
            // a change that fails half way leaves neither its quads nor its position
            assertThatThrownBy(() -> replica.applyReplicated(8, sink -> {
                        sink.add(Quad.create(G, obs(3), P, obs(4)));
                        throw new java.io.IOException("connection lost");
                    }))
                    .isInstanceOf(PublicationException.class)
                    .hasMessageContaining("connection lost");
            // a generation already applied is refused, not applied twice
            assertThatThrownBy(() -> replica.applyReplicated(7, sink -> {
                        sink.add(Quad.create(G, obs(5), P, obs(6)));
                        return Map.of("offset", "41");
                    }))
                    .isInstanceOf(IllegalStateException.class);
        }
        try (TripleStore replica = TripleStore.open(folder)) {
            assertThat(replica.generation()).isEqualTo(7);
            assertThat(replica.state()).isEqualTo(Map.of("generation", "7", "offset", "41"));
            assertThat(quads(replica)).hasSize(1);
        }
    }

    @Test
    void theStateNeverShowsInQueryAnswers() {
        try (TripleStore replica = TripleStore.inMemory()) {
            replica.applyReplicated(3, sink -> {
                sink.add(Quad.create(G, obs(1), P, obs(2)));
                return Map.of("offset", "12345");
            });
            for (String q : List.of(
                    "SELECT * { ?s ?p ?o }",
                    "SELECT * { GRAPH ?g { ?s ?p ?o } }",
                    "SELECT * { GRAPH <urn:x-arq:DefaultGraph> { ?s ?p ?o } }",
                    "SELECT * FROM <urn:x-arq:DefaultGraph> { ?s ?p ?o }",
                    "SELECT * { GRAPH <urn:x-arq:UnionGraph> { ?s ?p ?o } }")) {
                String answer = replica.read(d -> {
                    StringBuilder rows = new StringBuilder();
                    QueryExec.dataset(d)
                            .query(q)
                            .context(replica.publicQueryContext())
                            .select()
                            .forEachRemaining(rows::append);
                    return rows.toString();
                });
                assertThat(answer).as(q).doesNotContain("12345").doesNotContain("cairn-state");
            }
            String described = replica.read(d -> QueryExec.dataset(d)
                    .query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
                    .construct()
                    .toString());
            assertThat(described).doesNotContain("12345");
        }
    }

    @Test
    void aBackupRestoresTheSameQuadsBlankNodesAndState() {
        Node bnode = NodeFactory.createBlankNode("b-label-1");
        ByteArrayOutputStream backup = new ByteArrayOutputStream();
        Map<String, String> state;
        Set<String> before;
        boolean[] alongside = {false};
        try (TripleStore replica = TripleStore.open(dir.resolve("a"))) {
            replica.applyReplicated(4, sink -> {
                sink.add(Quad.create(G, obs(1), P, bnode));
                sink.add(Quad.create(G, bnode, P, NodeFactory.createLiteralString("caf\u00e9 \"quoted\"\nline")));
                return Map.of("offset", "99");
            });
            state = replica.backup(backup, () -> alongside[0] = true);
            before = quads(replica);
        }
        assertThat(alongside[0]).isTrue();
        assertThat(state).containsEntry("generation", "4").containsEntry("offset", "99");
        try (TripleStore restored =
                TripleStore.restore(dir.resolve("b"), new ByteArrayInputStream(backup.toByteArray()), state)) {
            assertThat(quads(restored)).isEqualTo(before);
            assertThat(restored.generation()).isEqualTo(4);
            assertThat(restored.state()).isEqualTo(state);
            // a later change naming the blank node by its label reaches the restored one
            restored.applyReplicated(5, sink -> {
                sink.delete(Quad.create(G, obs(1), P, bnode));
                return Map.of("offset", "100");
            });
            assertThat(quads(restored)).hasSize(1);
        }
        assertThatThrownBy(() ->
                        TripleStore.restore(dir.resolve("a"), new ByteArrayInputStream(backup.toByteArray()), state))
                .isInstanceOf(PublicationException.class)
                .hasMessageContaining("not empty");
    }

    @Test
    void aReplicaStoreRefusesEveryOtherWrite() {
        try (TripleStore replica = TripleStore.inMemory()) {
            replica.followOnly("this server is a replica");
            assertThatThrownBy(() -> replica.write(d -> d.add(Quad.create(G, obs(1), P, obs(2)))))
                    .isInstanceOf(PublicationException.class)
                    .hasMessage("this server is a replica");
            assertThatThrownBy(() -> replica.replaceGraphs(new GraphReplacement(
                            List.of(G.getURI()), sink -> sink.add(Quad.create(G, obs(1), P, obs(2))))))
                    .isInstanceOf(PublicationException.class);
            var view = replica.publishingView();
            assertThatThrownBy(() -> org.apache.jena.system.Txn.executeWrite(
                            view, () -> view.add(Quad.create(G, obs(1), P, obs(2)))))
                    .isInstanceOf(PublicationException.class);
            replica.applyReplicated(1, sink -> {
                sink.add(Quad.create(G, obs(3), P, obs(4)));
                return Map.of();
            });
            assertThat(quads(replica)).hasSize(1);
        }
    }

    @Test
    void aPublisherStoreRefusesReplicatedChanges() {
        try (TripleStore publisher = TripleStore.inMemory()) {
            publisher.observeChanges(new Log());
            assertThatThrownBy(() -> publisher.applyReplicated(1, sink -> Map.of()))
                    .isInstanceOf(IllegalStateException.class);
            Set<Quad> none = new HashSet<>();
            assertThat(none).isEmpty();
        }
    }
}
