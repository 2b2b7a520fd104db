package scot.cairn.versions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;
import scot.cairn.store.TripleStore;

/**
 * What the application gives {@link VersionsController}: {@link Versions} over an in-memory store
 * holding {@link TinyVersions}' three versions, its reverse patches in a temporary folder deleted
 * when the context closes. Used by the {@code @WebMvcTest} slice.
 */
@Configuration(proxyBeanMethods = false)
class TinyVersionsFixture {

    /** A temporary folder, deleted (with what is in it) on close. */
    record Folder(Path path) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            FileSystemUtils.deleteRecursively(path);
        }
    }

    @Bean(destroyMethod = "close")
    Folder versionsFolder() throws IOException {
        return new Folder(Files.createTempDirectory("versions-slice"));
    }

    @Bean(destroyMethod = "close")
    TripleStore tripleStore() {
        return TripleStore.inMemory();
    }

    @Bean(destroyMethod = "close")
    Versions versions(TripleStore store, Folder folder) {
        return TinyVersions.publish(new Versions(
                store,
                TinyVersions.URIS,
                folder.path(),
                new VersionLimits(
                        10_000_000, 1, 2, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(5))));
    }
}
