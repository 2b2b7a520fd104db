package scot.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileEngine;
import scot.cairn.profiles.ProfileFormats;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * {@code load-geography} and {@code load} into a store folder save the profiles' series tables
 * where the server loads them, so that a server start over that folder (its profile engine as
 * ProfilesConfiguration builds it) reads none from the store, and its profiles are the same as
 * those read from the store.
 */
class ProfileTablesAfterLoadTest {

    static final Path EXAMPLES = CubeCommandsTest.EXAMPLES;
    static final Path PROFILES = Path.of(System.getProperty("user.dir"))
            .resolve("../cube-definitions/profiles")
            .normalize();

    @TempDir
    Path dir;

    @Test
    void aStoreLoadedByTheCliHasItsProfileTablesSavedAndAStartReadsNone() throws Exception {
        Path data = dir.resolve("data");
        loadExamples(data, "council-tax-collection", "free-school-meals");
        Path summaries = data.resolve("summaries/profiles");
        try (var files = Files.list(summaries)) {
            assertThat(files.filter(f -> f.toString().endsWith(".table"))).isNotEmpty();
        }

        UriScheme uris = UriScheme.defaultScheme();
        ProfileCatalogue catalogue = ProfileCatalogue.readFolder(PROFILES);
        var local = catalogue.find("example-local").orElseThrow();
        try (TripleStore store = TripleStore.open(data.resolve("tdb2"))) {
            ProfileEngine started = startedFromSavedTables(store, summaries, catalogue, "at start");

            ProfileEngine fresh = new ProfileEngine(store, uris, new StoreGeography(store, uris));
            String council = "S12000033";
            assertThat(ProfileFormats.json(started.profile(local, council)))
                    .contains("council-tax-collection")
                    .isEqualTo(ProfileFormats.json(fresh.profile(local, council)));
            assertThat(fresh.seriesReadFromStore()).isPositive();
        }
    }

    /**
     * {@code delete} refreshes the saved tables as {@code load} does: the next start reads none
     * from the store, and the profiles it computes from them are those of the store without the
     * dataset (no stale table of the deleted dataset).
     */
    @Test
    void aDeleteRefreshesTheSavedTablesSoAStartReadsNone() throws Exception {
        Path data = dir.resolve("data");
        String profiles = "--profiles-dir=" + PROFILES;
        String dataset = "council-tax-collection";
        loadExamples(data, dataset);
        Path summaries = data.resolve("summaries/profiles");

        CliRun delete = CliRun.of("delete", "--data-dir", data.toString(), profiles, dataset);
        assertThat(delete.code()).as(delete.err()).isZero();
        assertThat(delete.err()).contains("profile tables up to date in " + summaries);

        UriScheme uris = UriScheme.defaultScheme();
        ProfileCatalogue catalogue = ProfileCatalogue.readFolder(PROFILES);
        var local = catalogue.find("example-local").orElseThrow();
        try (TripleStore store = TripleStore.open(data.resolve("tdb2"))) {
            ProfileEngine started =
                    startedFromSavedTables(store, summaries, catalogue, "at the start after the delete");
            ProfileEngine fresh = new ProfileEngine(store, uris, new StoreGeography(store, uris));
            String council = "S12000033";
            assertThat(ProfileFormats.json(started.profile(local, council)))
                    .isEqualTo(ProfileFormats.json(fresh.profile(local, council)));
        }
    }

    /** {@code versions cite} rewrites the dataset's metadata graph: the saved tables are brought up to date after it. */
    @Test
    void citingAVersionRefreshesTheSavedTablesSoAStartReadsNone() throws Exception {
        Path data = dir.resolve("data");
        String profiles = "--profiles-dir=" + PROFILES;
        String dataset = "council-tax-collection";
        loadExamples(data, dataset);
        Path summaries = data.resolve("summaries/profiles");

        CliRun cite = CliRun.of("versions", "cite", "--data-dir", data.toString(), profiles, dataset, "1");
        assertThat(cite.code()).as(cite.err()).isZero();
        assertThat(cite.err()).contains("profile tables up to date in " + summaries);

        ProfileCatalogue catalogue = ProfileCatalogue.readFolder(PROFILES);
        try (TripleStore store = TripleStore.open(data.resolve("tdb2"))) {
            startedFromSavedTables(store, summaries, catalogue, "at the start after the citation");
        }
    }

    @Test
    void aLoadWithoutProfileDefinitionsSavesNoTables() throws Exception {
        Path data = dir.resolve("data");
        CliRun geography = CliRun.of(
                "load-geography",
                "--data-dir",
                data.toString(),
                "--profiles-dir=" + dir.resolve("no-such-folder"),
                EXAMPLES.resolve("geography/example-lookup.csv").toString());
        assertThat(geography.code()).as(geography.err()).isZero();
        assertThat(geography.err()).doesNotContain("profile tables");
        assertThat(data.resolve("summaries")).doesNotExist();
    }

    /**
     * A profile engine started from the saved tables {@code summaries}, as the server starts one;
     * it must read no series from the store ({@code when}: at which start).
     */
    private static ProfileEngine startedFromSavedTables(
            TripleStore store, Path summaries, ProfileCatalogue catalogue, String when) {
        UriScheme uris = UriScheme.defaultScheme();
        ProfileEngine started = new ProfileEngine(store, uris, new StoreGeography(store, uris), summaries);
        started.prepare(catalogue.all()).join();
        assertThat(started.seriesReadFromStore())
                .as("series read from the store " + when)
                .isZero();
        return started;
    }

    /**
     * {@code load-geography} with the example lookup, then {@code load} of each example dataset,
     * into {@code data}, with the profile definitions; each says it brought the saved tables up to date.
     */
    private static void loadExamples(Path data, String... datasets) {
        String profiles = "--profiles-dir=" + PROFILES;
        CliRun geography = CliRun.of(
                "load-geography",
                "--data-dir",
                data.toString(),
                profiles,
                EXAMPLES.resolve("geography/example-lookup.csv").toString());
        assertThat(geography.code()).as(geography.err()).isZero();
        for (String dataset : datasets) {
            CliRun load = CliRun.of(
                    "load",
                    "--data-dir",
                    data.toString(),
                    profiles,
                    EXAMPLES.resolve("datasets/" + dataset + ".yaml").toString(),
                    EXAMPLES.resolve("datasets/" + dataset + ".csv").toString());
            assertThat(load.code()).as(load.err()).isZero();
            assertThat(load.err()).contains("profile tables up to date in " + data.resolve("summaries/profiles"));
        }
    }
}
