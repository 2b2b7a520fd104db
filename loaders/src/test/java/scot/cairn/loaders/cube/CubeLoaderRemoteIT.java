package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.store.RemoteGraphStore;
import scot.cairn.vocab.UriScheme;

/** The same loader publishing to a separate Fuseki server (SPARQL 1.1 Graph Store Protocol + Update) on a loopback port. */
class CubeLoaderRemoteIT {

    @TempDir
    Path dir;

    DatasetGraph remote;
    FusekiServer fuseki;
    RemoteGraphStore target;
    final UriScheme uris = UriScheme.defaultScheme();
    final CubeLoader loader = new CubeLoader(uris, CubeFixtures.AREAS);

    @BeforeEach
    void startFuseki() {
        remote = DatasetGraphFactory.createTxnMem();
        fuseki = FusekiServer.create()
                .loopback(true)
                .port(0)
                .add("/ds", remote)
                .build()
                .start();
        target = new RemoteGraphStore("http://127.0.0.1:" + fuseki.getPort() + "/ds", null, null, null, null, dir);
    }

    @AfterEach
    void stop() {
        target.close();
        fuseki.stop();
    }

    private Set<String> remoteQuads() {
        return Txn.calculateRead(remote, () -> {
            Set<String> s = new TreeSet<>();
            remote.find().forEachRemaining(q -> s.add(q.toString()));
            return s;
        });
    }

    @Test
    void loadsReloadsRejectsAndDeletesOnARemoteEndpoint() {
        Path csv = CubeFixtures.write(dir, "meals.csv", CubeLoaderTest.CSV);
        LoadReport report = loader.load(CubeFixtures.definition(), csv, target);
        assertThat(report.observations()).isEqualTo(5);
        long graphQuads = Txn.calculateRead(
                remote,
                () -> remote.getGraph(org.apache.jena.graph.NodeFactory.createURI(uris.graph("school-meals")))
                        .size());
        assertThat(graphQuads).isPositive();
        long observations = Txn.calculateRead(remote, () -> {
            try (var qe = org.apache.jena.query.QueryExecutionFactory.create(
                    "SELECT (COUNT(?o) AS ?n) WHERE { GRAPH ?g { ?o a <http://purl.org/linked-data/cube#Observation> } }",
                    DatasetFactory.wrap(remote))) {
                return qe.execSelect().next().getLiteral("n").getLong();
            }
        });
        assertThat(observations).isEqualTo(5);

        Set<String> before = remoteQuads();
        Path bad = CubeFixtures.write(
                dir,
                "bad.csv",
                "FeatureCode,DateCode,Measurement,Units,Value,Gender\n"
                        + "S01006506,2019,Count,Pupils,12,Male\nS01999999,2019,Count,Pupils,1,Male\n");
        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class, () -> loader.load(CubeFixtures.definition(), bad, target));
        assertThat(e.getMessage()).isEqualTo("bad.csv:3:1: unknown area code S01999999 (not in the loaded geography)");
        // ignore the modification time: compare everything else exactly
        assertThat(remoteQuads()).isEqualTo(before);

        loader.delete("school-meals", target);
        assertThat(remoteQuads()).isEmpty();
    }
}
