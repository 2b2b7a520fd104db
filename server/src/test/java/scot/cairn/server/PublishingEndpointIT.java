package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublicationException;
import scot.cairn.store.RemoteGraphStore;
import scot.cairn.store.TripleStore;

/** Publishing to a running server goes through the credential-protected loopback endpoint. */
@SpringBootTest(classes = PublisherApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cairn.data-dir=target/publish-it-data/${random.uuid}", "cairn.fuseki.port=0",
                "cairn.examples=false", "cairn.publish.password=s3cret"})
class PublishingEndpointIT {

    @Autowired
    LoopbackFuseki fuseki;

    @Autowired
    TripleStore store;

    static final String G = "http://statistics.gov.scot/graph/published-remotely";

    private GraphReplacement oneQuad(String object) {
        return new GraphReplacement(List.of(G), sink -> sink.add(Quad.create(NodeFactory.createURI(G),
                NodeFactory.createURI("urn:s"), NodeFactory.createURI("urn:p"), NodeFactory.createLiteralString(object))));
    }

    private RemoteGraphStore endpoint(String user, String password) {
        return new RemoteGraphStore("http://127.0.0.1:" + fuseki.port() + LoopbackFuseki.PUBLISH_PATH, null, null,
                user, password, Path.of("target"));
    }

    @Test
    void thePublisherReplacesGraphsInTheRunningStoreAndTheVersionChanges() {
        long before = store.version();
        try (RemoteGraphStore target = endpoint("publisher", "s3cret")) {
            target.replaceGraphs(oneQuad("first"));
            target.replaceGraphs(oneQuad("second"));
        }
        assertThat(store.size(G)).isEqualTo(1);
        String object = store.read(d -> d.find(NodeFactory.createURI(G), null, null, null).next().getObject().getLiteralLexicalForm());
        assertThat(object).isEqualTo("second");
        assertThat(store.version()).isGreaterThan(before);
        assertThat(store.graphNames()).noneMatch(g -> g.startsWith("urn:x-cairn:staging"));
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingChanges() {
        long size = store.size();
        try (RemoteGraphStore target = endpoint("publisher", "wrong")) {
            assertThatThrownBy(() -> target.replaceGraphs(oneQuad("x"))).isInstanceOf(PublicationException.class);
        }
        assertThat(store.size()).isEqualTo(size);
    }
}
