package scot.cairn.geography;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/** The one reader of the published geography, its per-version cache and the tabulation hierarchy over it. */
class StoreGeographyTest {
    private static final UriScheme URIS = UriScheme.defaultScheme();

    private TripleStore store;
    private StoreGeography geography;

    @BeforeEach
    void load() {
        store = TripleStore.inMemory();
        store.write(dsg -> {
            try (InputStream in = StoreGeographyTest.class.getResourceAsStream("geography.trig")) {
                RDFParser.source(in).lang(Lang.TRIG).parse(dsg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        geography = new StoreGeography(store, URIS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readsAreasNamesAndContainmentFromTheGeographyGraphOnly() {
        Geography g = geography.current();
        assertThat(g.size()).isEqualTo(5);
        assertThat(g.contains("X99")).isFalse();
        assertThat(g.area("S12000033").orElseThrow().name()).isEqualTo("Aberdeen City");
        assertThat(g.area("S01006506").orElseThrow().within()).containsExactly("S02001236", "S12000033", "S92000003");
        assertThat(g.dataZones("S12000033")).containsExactly("S01006506", "S01006507");
        assertThat(g.parent("S01006507", AreaLevel.COUNCIL)).contains("S12000033");
    }

    @Test
    void listsTheAreasOfALevelInsideAnArea() {
        Geography g = geography.current();
        assertThat(g.within("S12000033", AreaLevel.DATA_ZONE))
                .extracting(Geography.Area::code)
                .containsExactly("S01006506", "S01006507");
        assertThat(g.within("S92000003", AreaLevel.COUNCIL))
                .extracting(Geography.Area::code)
                .containsExactly("S12000033");
        assertThat(g.within("S01006506", AreaLevel.DATA_ZONE)).isEmpty();
        assertThat(g.within("S12999999", AreaLevel.DATA_ZONE)).isEmpty();
    }

    @Test
    void readsOncePerStoreVersionAndAgainAfterAPublication() {
        Geography first = geography.current();
        assertThat(geography.current()).isSameAs(first);
        store.write(dsg -> dsg.add(
                NodeFactory.createURI(URIS.geographyGraph()),
                NodeFactory.createURI(URIS.area("S12000033")),
                RDFS.label.asNode(),
                NodeFactory.createLiteralString("Aberdeen")));
        Geography second = geography.current();
        assertThat(second).isNotSameAs(first);
        assertThat(second.size()).isEqualTo(5);
    }

    @Test
    void theTabulationHierarchyFollowsTheStore() {
        AreaHierarchy hierarchy = new StoreAreaHierarchy(geography);
        assertThat(hierarchy.dataZones()).containsExactly("S01006506", "S01006507");
        assertThat(hierarchy.parent("S01006506", AreaLevel.DATA_ZONE)).contains("S01006506");
        assertThat(hierarchy.parent("S02001236", AreaLevel.DATA_ZONE)).isEmpty();
        assertThat(hierarchy.parent("S01006506", AreaLevel.INTERMEDIATE_ZONE)).contains("S02001236");
        assertThat(hierarchy.name("S02001236")).contains("Culter");
        store.write(dsg -> dsg.deleteAny(
                NodeFactory.createURI(URIS.geographyGraph()),
                org.apache.jena.graph.Node.ANY,
                org.apache.jena.graph.Node.ANY,
                org.apache.jena.graph.Node.ANY));
        assertThat(hierarchy.dataZones()).isEqualTo(List.of());
    }
}
