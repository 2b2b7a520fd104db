package scot.cairn.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import scot.cairn.cli.DatasetPublisher;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.Folders;
import scot.cairn.versions.VersionRecord;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/** {@code /cairn/publish} when the store fails under it: 503, a plain message naming no path, nothing half published. */
class DatasetPublishServletTest {
    private static final UriScheme URIS = UriScheme.defaultScheme();
    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir"))
            .resolve("../examples/data/datasets")
            .normalize();
    private static final String SLUG = "council-tax-collection";

    @TempDir
    Path dir;

    private static MockHttpServletResponse post(DatasetPublishServlet servlet, String csv) throws Exception {
        String boundary = "cairn-test-boundary";
        String definition = Files.readString(EXAMPLES.resolve(SLUG + ".yaml"));
        String body = part(boundary, "definition", "definition.yaml", definition)
                + part(boundary, "data", "data.csv", csv)
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"skip-geography-check\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "--\r\n";
        MockHttpServletRequest request = new MockHttpServletRequest("POST", DatasetPublishServlet.PATH);
        request.setContentType("multipart/form-data; boundary=" + boundary);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        request.setRemoteUser("publisher");
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.service(request, response);
        return response;
    }

    private static String part(String boundary, String name, String file, String content) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n";
    }

    private static Map<String, Long> contents(TripleStore store) {
        return store.graphSizes();
    }

    @Test
    void aStoreThatFailsWhileWritingAnswers503NamingNoPathAndPublishesNothing() throws Exception {
        Path versionsDir = dir.resolve("versions");
        String csv = Files.readString(EXAMPLES.resolve(SLUG + ".csv"));
        try (TripleStore store = TripleStore.open(dir.resolve("tdb2"));
                Versions versions = new Versions(store, URIS, versionsDir, 100_000)) {
            DatasetPublishServlet servlet = new DatasetPublishServlet(
                    new DatasetPublisher(store, URIS, versions), URIS, Files.createDirectories(dir.resolve("uploads")));
            MockHttpServletResponse first = post(servlet, csv);
            assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(200);
            Map<String, Long> before = contents(store);
            long storeVersion = store.version();

            // the disk under the versions folder fails: where the next patch goes is not a folder
            Folders.delete(versionsDir);
            Files.writeString(versionsDir, "not a folder");
            String changed = csv.replace("118000", "118500");
            MockHttpServletResponse failed = post(servlet, changed);

            String answer = failed.getContentAsString(StandardCharsets.UTF_8);
            assertThat(failed.getStatus()).as(answer).isEqualTo(503);
            assertThat(failed.getHeader("Retry-After")).isNotBlank();
            assertThat(failed.getContentType()).startsWith("text/plain");
            assertThat(answer)
                    .contains("nothing was published")
                    .doesNotContain(dir.toString())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(contents(store)).isEqualTo(before);
            assertThat(store.version()).isEqualTo(storeVersion);
            assertThat(versions.history(SLUG)).extracting(VersionRecord::number).containsExactly(1);
            try (Stream<Path> left = Files.list(dir.resolve("uploads"))) {
                assertThat(left.toList()).as("upload folders left").isEmpty();
            }

            // once the disk is back, the same publication goes through
            Files.delete(versionsDir);
            MockHttpServletResponse again = post(servlet, changed);
            assertThat(again.getStatus()).as(again.getContentAsString()).isEqualTo(200);
            assertThat(versions.history(SLUG)).extracting(VersionRecord::number).containsExactly(1, 2);
        }
    }
}
