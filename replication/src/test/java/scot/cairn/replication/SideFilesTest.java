package scot.cairn.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideFilesTest {
    @TempDir
    Path dir;

    @Test
    void aPublicationsFilesAreTheDifferenceBetweenTwoListings() throws Exception {
        Path root = dir.resolve("versions");
        Files.createDirectories(root.resolve("recycling"));
        Files.writeString(root.resolve("recycling/2-1.rdfp"), "old");
        SideFiles side = new SideFiles(root);
        Files.writeString(root.resolve("recycling/3-2.rdfp"), "new");
        Files.writeString(root.resolve("recycling/.3-2-123.rdfp.tmp"), "temporary");
        Files.createDirectories(root.resolve(".built/recycling-1-7"));
        Files.writeString(root.resolve(".built/recycling-1-7/nodes.dat"), "a version built on demand");
        assertThat(side.diff())
                .isEqualTo(new SideFiles.Diff(java.util.List.of("recycling/3-2.rdfp"), java.util.List.of()));
        Files.delete(root.resolve("recycling/2-1.rdfp"));
        assertThat(side.diff())
                .isEqualTo(new SideFiles.Diff(java.util.List.of(), java.util.List.of("recycling/2-1.rdfp")));
        assertThat(side.diff().written()).isEmpty();
    }

    @Test
    void pathsFromTheLogCannotLeaveTheFolder() {
        assertThat(SideFiles.checkedRelative("recycling/3-2.rdfp")).isEqualTo("recycling/3-2.rdfp");
        for (String bad : new String[] {
            "../etc/passwd", "/etc/passwd", "recycling/../../x", "a/./b", "recycling/.hidden", "", "a\\b", "a//b"
        }) {
            assertThatThrownBy(() -> SideFiles.checkedRelative(bad)).as(bad).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> SideFiles.checkedRelative(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settingsAreCheckedWhenMade() {
        assertThatThrownBy(() -> new KafkaSettings(" ", "t", Map.of())).hasMessageContaining("bootstrap servers");
        assertThatThrownBy(() -> new KafkaSettings("h:1", "bad topic!", Map.of()))
                .hasMessageContaining("topic name");
        assertThat(new KafkaSettings("h:1").topic()).isEqualTo("cairn.publications");
        assertThat(new KafkaSettings("h:1", "t", Map.of("security.protocol", "SSL")).consumer())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("isolation.level", "read_committed");
        assertThat(new KafkaSettings("h:1", "t", Map.of()).producer("zstd"))
                .containsEntry("transactional.id", "cairn-publisher-t")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all");
    }
}
