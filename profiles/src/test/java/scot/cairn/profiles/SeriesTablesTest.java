package scot.cairn.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.RequestBudget;
import scot.cairn.store.TripleStore;

/**
 * Profile series tables are read once per state of their dataset's graphs: kept across a
 * publication of another graph, read again after their own dataset changes, and saved so that a
 * restart loads them instead of reading.
 */
class SeriesTablesTest {

    static final String OTHER = "http://example.org/graph/unrelated";

    static void publishUnrelated(TripleStore store, String value) {
        store.replaceGraphs(new GraphReplacement(
                List.of(OTHER),
                sink -> sink.add(
                        NodeFactory.createURI(OTHER),
                        NodeFactory.createURI("http://example.org/s"),
                        NodeFactory.createURI("http://example.org/p"),
                        NodeFactory.createLiteralString(value))));
    }

    static Series series(ProfileDefinition p, String dataset) {
        return p.series().stream()
                .filter(s -> s.dataset().equals(dataset))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aTableIsKeptAcrossAnUnrelatedPublicationAndReadAgainAfterItsOwn() throws Exception {
        try (TripleStore store = ExampleStore.open()) {
            ProfileEngine engine =
                    new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS));
            ProfileDefinition profile = ExampleStore.profile();
            engine.prepare(List.of(profile)).get(60, TimeUnit.SECONDS);
            Series stays = series(profile, "example-emergency-stays");
            Series deprivation = series(profile, "example-deprivation");
            Map<Series, SeriesTable> before = engine.snapshot().tables(Set.of(stays, deprivation));

            publishUnrelated(store, "one");
            Map<Series, SeriesTable> unrelated = engine.snapshot().tables(Set.of(stays, deprivation));
            assertThat(unrelated.get(stays)).isSameAs(before.get(stays));
            assertThat(unrelated.get(deprivation)).isSameAs(before.get(deprivation));

            // Rewrite the emergency-stays dataset graph with the same quads: its stamp changes.
            var g = NodeFactory.createURI(ExampleStore.URIS.graph("example-emergency-stays"));
            List<org.apache.jena.sparql.core.Quad> quads = store.read(dsg -> {
                List<org.apache.jena.sparql.core.Quad> out = new java.util.ArrayList<>();
                dsg.find(g, null, null, null).forEachRemaining(out::add);
                return out;
            });
            store.replaceGraphs(new GraphReplacement(List.of(g.getURI()), sink -> quads.forEach(sink::add)));
            Map<Series, SeriesTable> after = engine.snapshot().tables(Set.of(stays, deprivation));
            assertThat(after.get(stays)).isNotSameAs(before.get(stays));
            assertThat(after.get(stays).values).containsExactly(before.get(stays).values);
            assertThat(after.get(deprivation)).isSameAs(before.get(deprivation));
            assertThat(engine.profile(profile, ProfileEngineTest.ABERDEEN).rows())
                    .isNotEmpty();
        }
    }

    @Test
    void aValueDerivedFromTablesIsComputedAgainOnlyWhenOneOfThemIsReadAnew() {
        try (TripleStore store = ExampleStore.open()) {
            ProfileEngine engine =
                    new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS));
            Series stays = series(ExampleStore.profile(), "example-emergency-stays");
            Snapshot s = engine.snapshot();
            int[] computed = {0};
            java.util.function.Supplier<Integer> compute = () -> ++computed[0];
            assertThat(s.<Integer>derived("family", List.of(stays), compute)).isEqualTo(1);
            assertThat(s.<Integer>derived("family", List.of(stays), compute)).isEqualTo(1);

            publishUnrelated(store, "one");
            assertThat(engine.snapshot()).isSameAs(s);
            assertThat(s.<Integer>derived("family", List.of(stays), compute)).isEqualTo(1);

            // Its dataset republished (as family groups are found from: a snapshot outlives its tables).
            var g = ExampleStore.URIS.graph("example-emergency-stays");
            List<org.apache.jena.sparql.core.Quad> quads = store.read(dsg -> {
                List<org.apache.jena.sparql.core.Quad> out = new java.util.ArrayList<>();
                dsg.find(NodeFactory.createURI(g), null, null, null).forEachRemaining(out::add);
                return out;
            });
            store.replaceGraphs(new GraphReplacement(List.of(g), sink -> quads.forEach(sink::add)));
            assertThat(engine.snapshot()).isSameAs(s);
            assertThat(s.<Integer>derived("family", List.of(stays), compute)).isEqualTo(2);
            assertThat(s.<Integer>derived("family", List.of(stays), compute)).isEqualTo(2);
        }
    }

    /**
     * A table is shared by every request and kept: the request that happens to start its read must
     * not have it cut short by its own budget, which failed every request waiting for the same
     * table (a first profile after a start answered 503, and so did the next, each starting over).
     */
    @Test
    void aTableReadForARequestIsNotChargedToItsBudget() {
        try (TripleStore store = ExampleStore.open()) {
            ProfileEngine engine =
                    new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS));
            ProfileDefinition profile = ExampleStore.profile();
            AreaProfile answered;
            try (RequestBudget.Scope tiny =
                    RequestBudget.open(new RequestBudget.Limits(java.time.Duration.ZERO, 1), System::nanoTime)) {
                answered = engine.profile(profile, ProfileEngineTest.ABERDEEN);
                // the request's own reads are still charged
                assertThatThrownBy(() -> store.read(dsg -> org.apache.jena.atlas.iterator.Iter.count(dsg.find())))
                        .isInstanceOf(RequestBudget.Exceeded.class);
            }
            assertThat(engine.seriesReadFromStore()).isPositive();
            assertThat(answered.rows()).isNotEmpty();
        }
    }

    @Test
    void aSavedTableIsLoadedOnlyWithTheStampsItWasReadWith(@TempDir Path dir) throws Exception {
        try (TripleStore store = ExampleStore.open()) {
            ProfileDefinition profile = ExampleStore.profile();
            Series stays = series(profile, "example-emergency-stays");
            SeriesTableFiles files = new SeriesTableFiles(dir);
            SeriesTables tables = new SeriesTables(store, ExampleStore.URIS, files);
            Snapshot s = new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS))
                    .snapshot();
            SeriesTable read = tables.get(s, List.of(stays)).get(stays);
            assertThat(read.observations).isPositive();
            try (var saved = Files.list(dir)) {
                assertThat(saved.filter(f -> f.toString().endsWith(".table"))).hasSize(1);
            }

            SeriesTables.Stamps stamps = tables.stamps(s, "example-emergency-stays");
            SeriesTable loaded = files.load(stays, stamps, s.index);
            assertThat(loaded).isNotNull().isNotSameAs(read);
            assertThat(loaded.periods).containsExactly(read.periods);
            assertThat(loaded.values).containsExactly(read.values);
            assertThat(loaded.status).containsExactly(read.status);
            assertThat(loaded.observations).isEqualTo(read.observations);
            assertThat(loaded.source).isEqualTo(read.source);

            // A fresh set of tables over the same store (a restart) takes the saved one as current.
            SeriesTable afterRestart = new SeriesTables(store, ExampleStore.URIS, files)
                    .get(s, List.of(stays))
                    .get(stays);
            assertThat(afterRestart.values).containsExactly(read.values);

            SeriesTables.Stamps changed =
                    new SeriesTables.Stamps(stamps.geography(), stamps.data() + 1, stamps.metadata());
            assertThat(files.load(stays, changed, s.index)).isNull();
        }
    }

    @Test
    void aDamagedSavedTableIsIgnored(@TempDir Path dir) throws Exception {
        try (TripleStore store = ExampleStore.open()) {
            ProfileDefinition profile = ExampleStore.profile();
            Series stays = series(profile, "example-emergency-stays");
            SeriesTableFiles files = new SeriesTableFiles(dir);
            Snapshot s = new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS))
                    .snapshot();
            SeriesTable read = new SeriesTables(store, ExampleStore.URIS, files)
                    .get(s, List.of(stays))
                    .get(stays);
            Path saved;
            try (var list = Files.list(dir)) {
                saved = list.filter(f -> f.toString().endsWith(".table"))
                        .findFirst()
                        .orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(saved);
            Files.write(saved, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            SeriesTables.Stamps stamps =
                    new SeriesTables(store, ExampleStore.URIS, files).stamps(s, "example-emergency-stays");
            assertThat(files.load(stays, stamps, s.index)).isNull();
            SeriesTable again = new SeriesTables(store, ExampleStore.URIS, files)
                    .get(s, List.of(stays))
                    .get(stays);
            assertThat(again.values).containsExactly(read.values);
            assertThat(files.load(stays, stamps, s.index)).isNotNull();
        }
    }
}
