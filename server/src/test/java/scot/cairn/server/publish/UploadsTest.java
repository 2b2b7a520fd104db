package scot.cairn.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadsTest {
    @TempDir
    Path data;

    @Test
    void aClientsFileNameNeverLeavesItsFolder() throws Exception {
        Path dir = Files.createDirectories(data.resolve("uploads/publish-1"));
        for (String name : new String[] {
            "..",
            ".",
            "../../../../../tmp/x",
            "..\\..\\x.csv",
            "/etc/passwd",
            "a\u0000b.csv",
            ".hidden",
            "",
            null,
            "x".repeat(5000)
        }) {
            Path target = Uploads.target(dir, "data", name);
            assertThat(target.normalize()).as(String.valueOf(name)).startsWithRaw(dir.resolve("data"));
            assertThat(target.getParent()).isEqualTo(dir.resolve("data"));
            assertThat(target.getFileName().toString())
                    .doesNotContain("..")
                    .doesNotStartWith(".")
                    .hasSizeLessThanOrEqualTo(100);
        }
        assertThat(Uploads.safeName("recycling 2019.csv", "data")).isEqualTo("recycling_2019.csv");
        assertThat(Uploads.safeName("C:\\files\\recycling.csv", "data")).isEqualTo("recycling.csv");
        assertThat(Uploads.safeName("..", "data")).isEqualTo("data");
    }

    @Test
    void theSweepRemovesLeftoversButNotFoldersInUse() throws Exception {
        Path root = data.resolve("uploads");
        Files.createDirectories(root.resolve("publish-123/data"));
        Files.writeString(root.resolve("publish-123/data/x.csv"), "left by a killed server");
        Files.createDirectories(root.resolve("keep-me"));
        Uploads uploads = new Uploads(root);
        Path inUse = uploads.open();
        assertThat(uploads.sweep()).isEqualTo(1);
        assertThat(root.resolve("publish-123")).doesNotExist();
        assertThat(inUse).isDirectory();
        assertThat(root.resolve("keep-me")).isDirectory();
        uploads.close(inUse);
        assertThat(inUse).doesNotExist();
    }

    @Test
    void messagesLoseTheServersFolders() throws Exception {
        Uploads uploads = new Uploads(data.resolve("uploads"));
        Path dir = uploads.open();
        Path csv = Uploads.target(dir, "data", "recycling.csv");
        assertThat(uploads.scrub("cannot read " + csv + ": gone")).isEqualTo("cannot read recycling.csv: gone");
        assertThat(uploads.scrub("cannot write " + data.toAbsolutePath() + "/versions/x"))
                .isEqualTo("cannot write <data dir>/versions/x");
        uploads.close(dir);
    }
}
