package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A failure after the response has been committed (here: the streaming run is cancelled at its
 * time limit while a slow client is not reading) must not look like a complete, successful
 * response: the connection is cut before the final chunk.
 */
@SpringBootTest(
        classes = EndpointTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.sparql.timeout=8s",
            "cairn.sparql.buffer-bytes=64KB",
            "cairn.sparql.max-rows=50000",
            "cairn.sparql.max-bytes=1GB"
        })
class StreamingFailureIT {
    @LocalServerPort
    int port;

    @Test
    void aStreamedResultCancelledMidwayEndsWithoutTheFinalChunk() throws Exception {
        // 40,000 rows of four URIs: ~9 MB, more than the socket buffers hold
        // (named graphs rather than the union default graph: in-memory TDB2 computes the union slowly)
        String query = "SELECT ?s ?p ?a ?b WHERE { GRAPH <" + Fixture.GRAPH_A + "> { ?s ?p ?o } GRAPH <"
                + Fixture.GRAPH_A + "> { ?a ?b ?c } } LIMIT 40000";
        // warm up: the first queries in a fresh JVM on this shared machine are several times slower
        new Http(port).query(query.replace("40000", "2000"), "Accept", "text/csv");
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /sparql?query=" + Http.enc(query) + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(64);
            String statusLine = new String(head, StandardCharsets.ISO_8859_1);
            assertThat(statusLine).startsWith("HTTP/1.1 200");
            // stop reading: the server blocks on a full socket while the streaming run's time limit passes
            Thread.sleep(10_000);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            try {
                in.transferTo(rest);
            } catch (SocketException e) {
                // a reset is just as good a signal of failure as a close without the last chunk
            }
            String all = statusLine + rest.toString(StandardCharsets.ISO_8859_1);
            assertThat(all).contains("Transfer-Encoding: chunked");
            assertThat(all).doesNotEndWith("\r\n0\r\n\r\n");
            // and it really was cut short: 150,000 rows were never all sent
            assertThat(rest.size()).isLessThan(40_000 * 200);
        }
    }
}
