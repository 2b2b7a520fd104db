package scot.cairn.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.jena.graph.Triple;
import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;

/**
 * Publishes to any SPARQL 1.1 endpoint that offers the Graph Store Protocol and Update
 * (for example a separate Fuseki server or a replicated Fuseki cluster).
 *
 * <p>Build aside and swap: each new graph is streamed to a temporary N-Triples file, uploaded
 * with a GSP {@code PUT} to a private staging graph, and then one SPARQL Update request moves
 * every staging graph onto its target ({@code MOVE}). Fuseki runs one Update request as one
 * transaction, so readers see the old graphs or the new ones, never a mix. A failure before the
 * swap leaves the targets untouched and removes the staging graphs.
 */
public final class RemoteGraphStore implements PublishTarget {

    private final String endpoint;
    private final String gspUrl;
    private final String updateUrl;
    private final HttpClient http;
    private final Path scratch;

    /**
     * @param datasetUrl the dataset's base URL, e.g. {@code http://127.0.0.1:3030/ds}; the GSP
     *                   service is {@code datasetUrl/data} and the update service {@code datasetUrl/update}
     *                   unless given explicitly
     * @param user       user name for HTTP basic authentication, or null
     * @param password   password, or null
     * @param scratch    folder for temporary files
     */
    public RemoteGraphStore(
            String datasetUrl, String gspUrl, String updateUrl, String user, String password, Path scratch) {
        this.endpoint = datasetUrl.replaceAll("/+$", "");
        this.gspUrl = gspUrl != null ? gspUrl : endpoint + "/data";
        this.updateUrl = updateUrl != null ? updateUrl : endpoint + "/update";
        // HTTP/1.1: Fuseki speaks no h2c, so an upgrade offer is only a round trip to be refused.
        HttpClient.Builder b =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (user != null) {
            // Credentials on every request, not in answer to a 401: a server that challenges an upload
            // answers before reading its body and may close the connection while the client is still
            // sending it, which the client sees as a failed request (it broke a CI run). Jena's own
            // per-endpoint registry adds the header to every request it builds for these services.
            String pw = password == null ? "" : password;
            for (String service : List.of(this.gspUrl, this.updateUrl, endpoint + "/query")) {
                AuthEnv.get().registerBasicAuthModifier(service, user, pw);
            }
        }
        this.http = b.build();
        this.scratch = scratch;
    }

    public RemoteGraphStore(String datasetUrl, String user, String password) {
        this(datasetUrl, null, null, user, password, Path.of(System.getProperty("java.io.tmpdir")));
    }

    private RDFConnection connect() {
        return RDFConnectionRemote.newBuilder()
                .destination(endpoint)
                .gspEndpoint(gspUrl)
                .updateEndpoint(updateUrl)
                .queryEndpoint(endpoint + "/query")
                .httpClient(http)
                .build();
    }

    /** Runs a SELECT on the endpoint's query service ({@code datasetUrl/query}), with the same credentials. */
    public void querySelect(String query, Consumer<QuerySolution> row) {
        try (RDFConnection conn = connect()) {
            conn.querySelect(query, row);
        }
    }

    @Override
    public long replaceGraphs(GraphReplacement replacement) {
        Staged staged = new Staged();
        try {
            long count = staged.write(replacement);
            try (RDFConnection conn = connect()) {
                staged.upload(conn);
                conn.update(staged.swap());
            }
            return count;
        } catch (PublicationException e) {
            cleanUp(staged.stagingGraphs());
            throw e;
        } catch (Exception e) {
            cleanUp(staged.stagingGraphs());
            throw new PublicationException("publishing to " + endpoint + " failed: " + e.getMessage(), e);
        } finally {
            staged.close();
        }
    }

    /** The new content of each graph as an N-Triples file, to upload to a private staging graph. */
    private final class Staged {
        private final String run = UUID.randomUUID().toString();
        private final Map<String, String> staging = new LinkedHashMap<>();
        private final Map<String, Path> files = new LinkedHashMap<>();
        private final Map<String, OutputStream> outs = new LinkedHashMap<>();
        private final Map<String, StreamRDF> writers = new LinkedHashMap<>();

        /** Streams the replacement into one file per graph; returns the number of quads. */
        long write(GraphReplacement replacement) throws Exception {
            Files.createDirectories(scratch);
            for (String g : replacement.graphs()) {
                staging.put(g, "urn:x-cairn:staging:" + run + ":" + staging.size());
                Path f = Files.createTempFile(scratch, "cairn-publish-", ".nt");
                files.put(g, f);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16);
                outs.put(g, out);
                StreamRDF w = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES);
                w.start();
                writers.put(g, w);
            }
            long[] count = {0};
            replacement.writer().writeTo(q -> {
                StreamRDF w = q.getGraph().isURI() ? writers.get(q.getGraph().getURI()) : null;
                if (w == null) {
                    throw new PublicationException("quad outside the graphs being replaced: " + q.getGraph()
                            + " (allowed: " + replacement.graphs() + ")");
                }
                w.triple(Triple.create(q.getSubject(), q.getPredicate(), q.getObject()));
                count[0]++;
            });
            for (String g : replacement.graphs()) {
                writers.get(g).finish();
                outs.get(g).close();
            }
            return count[0];
        }

        /** Each file to its staging graph (GSP {@code PUT}). */
        void upload(RDFConnection conn) {
            files.forEach((g, f) -> conn.put(staging.get(g), f.toString()));
        }

        /** One SPARQL Update that moves every staging graph onto its target: one transaction on the server. */
        String swap() {
            return staging.entrySet().stream()
                    .map(e -> "MOVE SILENT <" + e.getValue() + "> TO <" + e.getKey() + ">")
                    .collect(Collectors.joining(" ;\n"));
        }

        Collection<String> stagingGraphs() {
            return staging.values();
        }

        /** Closes and deletes the files. */
        void close() {
            for (OutputStream o : outs.values()) {
                try {
                    o.close();
                } catch (IOException ignored) {
                    // already reported through the main failure, if any
                }
            }
            for (Path f : files.values()) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    private void cleanUp(Collection<String> stagingGraphs) {
        if (stagingGraphs.isEmpty()) {
            return;
        }
        try (RDFConnection conn = connect()) {
            conn.update(stagingGraphs.stream()
                    .map(g -> "DROP SILENT GRAPH <" + g + ">")
                    .collect(Collectors.joining(" ;\n")));
        } catch (RuntimeException ignored) {
            // best effort: staging graphs are invisible to clients that query named datasets
        }
    }

    @Override
    public void dropGraphs(Collection<String> graphs) {
        try (RDFConnection conn = connect()) {
            conn.update(
                    graphs.stream().map(g -> "DROP SILENT GRAPH <" + g + ">").collect(Collectors.joining(" ;\n")));
        } catch (RuntimeException e) {
            throw new PublicationException("dropping graphs at " + endpoint + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return endpoint;
    }

    @Override
    public void close() {
        // HttpClient needs no closing on Java 17
    }
}
