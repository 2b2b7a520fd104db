package scot.cairn.profiles.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.AreaProfile;
import scot.cairn.profiles.ExampleStore;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileDefinition;
import scot.cairn.profiles.ProfileEngine;
import scot.cairn.profiles.ProfileFormats;
import scot.cairn.store.RequestBudget;
import scot.cairn.store.TripleStore;

/**
 * What the server waits for before its port opens: with the series tables saved, a start loads
 * them and the geography, and the first profile request then reads nothing, neither from the store
 * nor from the saved files; with none saved, the start reads nothing from the store (that is done
 * after the port opens) and the first request reads what it needs.
 */
class ProfilesAtStartTest {

    static final ProfileCatalogue CATALOGUE = ProfileCatalogue.readFolder(
            Path.of(System.getProperty("user.dir")).resolve("src/test/resources/example/profiles"));
    static final String ABERDEEN = "S12000033";

    @TempDir
    Path saved;

    private static ProfileEngine engine(TripleStore store, Path saved) {
        return new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS), saved);
    }

    /** A profile asked for under a budget that any read of the store charged to the request would exceed. */
    @SuppressWarnings("try") // the budget is held, not used, while the profile is computed
    private static AreaProfile firstRequest(ProfileEngine engine, ProfileDefinition profile) {
        try (RequestBudget.Scope none =
                RequestBudget.open(new RequestBudget.Limits(Duration.ZERO, 1), System::nanoTime)) {
            return engine.profile(profile, ABERDEEN);
        }
    }

    @Test
    void withSavedTablesTheFirstProfileAfterAStartReadsNothing() {
        ProfileDefinition profile = CATALOGUE.all().get(0);
        try (TripleStore store = ExampleStore.open()) {
            long series = profile.series().stream().distinct().count();
            engine(store, saved).saveSeries(CATALOGUE.all());

            ProfileEngine started = engine(store, saved);
            ProfilesAtStart.prepare(started, CATALOGUE).join();
            assertThat(started.seriesLoadedFromFiles())
                    .as("saved tables loaded before the port opens")
                    .isEqualTo(series);
            assertThat(started.seriesReadFromStore()).isZero();

            AreaProfile first = firstRequest(started, profile);
            assertThat(first.rows()).isNotEmpty();
            assertThat(started.seriesLoadedFromFiles()).isEqualTo(series);
            assertThat(started.seriesReadFromStore()).isZero();
            assertThat(ProfileFormats.json(first))
                    .isEqualTo(ProfileFormats.json(engine(store, null).profile(profile, ABERDEEN)));
        }
    }

    @Test
    void withoutSavedTablesAStartReadsNoSeriesFromTheStoreBeforeItsPortOpens() {
        ProfileDefinition profile = CATALOGUE.all().get(0);
        try (TripleStore store = ExampleStore.open()) {
            ProfileEngine started = engine(store, saved);
            ProfilesAtStart.prepare(started, CATALOGUE).join();
            assertThat(started.seriesReadFromStore()).isZero();
            assertThat(started.seriesLoadedFromFiles()).isZero();

            assertThat(started.profile(profile, ABERDEEN).rows()).isNotEmpty();
            assertThat(started.seriesReadFromStore()).isPositive();
        }
    }
}
