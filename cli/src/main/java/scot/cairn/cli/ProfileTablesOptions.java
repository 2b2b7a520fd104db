package scot.cairn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileEngine;
import scot.cairn.store.TripleStore;

/**
 * After a command has published into the embedded store: the area profiles' series tables brought
 * up to date and saved in {@code <data dir>/summaries/profiles}, where the server (its default
 * {@code cairn.profiles.summaries-dir}) loads them, so that its next start reads none of them from
 * the store. The profiles are those of the folder the server would read ({@code --profiles-dir},
 * by default {@code cube-definitions/profiles} as {@code cairn.profiles.dir}); no folder, nothing to do.
 */
final class ProfileTablesOptions {

    @Option(
            names = "--profiles-dir",
            defaultValue = "cube-definitions/profiles",
            paramLabel = "DIR",
            description = "The server's area profile definitions (its cairn.profiles.dir; default: ${DEFAULT-VALUE}):"
                    + " their tables are saved with the store, so that the server's next start computes none."
                    + " A missing folder: none saved.")
    Path profilesDir;

    /** Where the tables are saved: the server's default {@code cairn.profiles.summaries-dir}. */
    static Path summariesDir(StoreOptions store) {
        return store.dataDir.resolve("summaries").resolve("profiles");
    }

    /**
     * Brings the saved tables of every profile up to date with the store, saying so on the progress
     * line. What was published stays published when this fails: a note says that the server will
     * compute the tables instead.
     */
    void save(StoreOptions options, TripleStore store, Progress progress) {
        if (profilesDir == null || !Files.isDirectory(profilesDir)) {
            return;
        }
        try {
            ProfileCatalogue catalogue = ProfileCatalogue.readFolder(profilesDir);
            if (!catalogue.all().isEmpty()) {
                save(catalogue, options, store, progress);
            }
        } catch (RuntimeException e) {
            progress.endLine();
            System.err.println("note: the profile tables were not saved (" + CairnCommand.describe(e)
                    + "); the server computes them after its start");
        }
    }

    private void save(ProfileCatalogue catalogue, StoreOptions options, TripleStore store, Progress progress) {
        progress.step("saving the profile tables of " + profilesDir);
        long t = System.nanoTime();
        ProfileEngine engine = new ProfileEngine(
                store, options.uris(), new StoreGeography(store, options.uris()), summariesDir(options));
        long read = engine.saveSeries(catalogue.all());
        progress.step(String.format(
                "profile tables up to date in %s (%d series read from the store, %.1f s)",
                summariesDir(options), read, (System.nanoTime() - t) / 1e9));
    }
}
