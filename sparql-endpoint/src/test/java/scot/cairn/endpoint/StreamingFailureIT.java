package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.store.TripleStore;

/**
 * A client that goes away while a large answer is sent from its spill file: the file is deleted,
 * the client's query slot freed, and the endpoint answers the next query.
 */
@SpringBootTest(
        classes = EndpointTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.sparql.timeout=30s",
            "cairn.sparql.buffer-bytes=64KB",
            "cairn.sparql.max-rows=50000",
            "cairn.sparql.max-bytes=1GB"
        })
class StreamingFailureIT {
    @LocalServerPort
    int port;

    @Autowired
    TripleStore store;

    @Test
    void aClientThatDisconnectsMidAnswerLeavesNoSpillFile() throws Exception {
        // 40,000 rows of four URIs: ~9 MB, more than the socket buffers hold
        // (named graphs rather than the union default graph: in-memory TDB2 computes the union slowly)
        String query = "SELECT ?s ?p ?a ?b WHERE { GRAPH <" + Fixture.GRAPH_A + "> { ?s ?p ?o } GRAPH <"
                + Fixture.GRAPH_A + "> { ?a ?b ?c } } LIMIT 40000";
        Path scratch = store.tuning().sortDir();
        try (WatchService ws = scratch.getFileSystem().newWatchService()) {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(16 * 1024);
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /sparql?query=" + Http.enc(query)
                                + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String head = new String(in.readNBytes(512), StandardCharsets.ISO_8859_1);
                assertThat(head).startsWith("HTTP/1.1 200");
                // sent whole from the spill file, with its length
                assertThat(head).containsIgnoringCase("Content-Length: ");
                assertThat(spillFiles(scratch)).hasSize(1);
                // in the endpoint's own folder inside the scratch folder
                spillFiles(scratch).get(0).getParent().register(ws, StandardWatchEventKinds.ENTRY_DELETE);
                // the client goes away (a reset, not a polite close) with megabytes still to come
                socket.setSoLinger(true, 0);
            }
            // the server notices on its next write and deletes the file
            while (!spillFiles(scratch).isEmpty()) {
                assertThat(ws.poll(60, TimeUnit.SECONDS))
                        .as("spill file deleted after the client left")
                        .isNotNull()
                        .satisfies(k -> {
                            k.pollEvents();
                            k.reset();
                        });
            }
        }
        // the endpoint answers as before
        Http http = new Http(port);
        assertThat(http.query("SELECT ?s WHERE { ?s a ?t } LIMIT 1", "Accept", "text/csv")
                        .statusCode())
                .isEqualTo(200);
    }

    private static java.util.List<Path> spillFiles(Path scratch) throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().startsWith(SpillBuffer.PREFIX))
                    .toList();
        }
    }
}
