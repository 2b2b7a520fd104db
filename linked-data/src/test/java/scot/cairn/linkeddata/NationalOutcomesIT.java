package scot.cairn.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.UriScheme;

/** A dataset's National Performance Framework outcomes, from its definition to the catalogue filter. */
class NationalOutcomesIT {
    private static final UriScheme URIS = UriScheme.defaultScheme();

    @Test
    void outcomesInTheDefinitionAreConceptsTheCatalogueFiltersBy() throws Exception {
        Path csv = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        String yaml = Files.readString(Path.of("../cube-definitions/recycling.yaml"))
                + "\noutcomes: [environment, communities]\n";
        CubeDefinition def = CubeDefinition.read(yaml, "recycling.yaml");
        assertThat(def.outcomes()).containsExactly("environment", "communities");
        try (TripleStore store = TripleStore.inMemory()) {
            new CubeLoader(URIS, AreaDirectory.anyWellFormedCode()).load(def, csv, store);
            List<Catalogue.Entry> entries = store.read(Catalogue::read);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).outcomes())
                    .extracting(Catalogue.Ref::label)
                    .containsExactly("Communities", "Environment");
            assertThat(entries.get(0).outcomes())
                    .extracting(Catalogue.Ref::uri)
                    .contains(URIS.base() + "def/concept/npf-outcomes/environment");
            assertThat(new Catalogue.Filter(null, null, null, "environment").accepts(entries.get(0)))
                    .isTrue();
            assertThat(new Catalogue.Filter(null, null, null, "Communities").accepts(entries.get(0)))
                    .isTrue();
            assertThat(new Catalogue.Filter(null, null, null, "health").accepts(entries.get(0)))
                    .isFalse();
            // the outcome concept dereferences with its label
            assertThat(store.read(dsg -> new Describer(dsg, URIS)
                                    .describe(URIS.base() + "def/concept/npf-outcomes/environment"))
                            .isEmpty())
                    .isFalse();
        }
    }

    @Test
    void anUnknownOutcomeIsRejectedWithTheList() throws Exception {
        String yaml = Files.readString(Path.of("../cube-definitions/recycling.yaml")) + "\noutcomes: [wellbeing]\n";
        assertThatThrownBy(() -> CubeDefinition.read(yaml, "recycling.yaml"))
                .hasMessageContaining(
                        "outcome 'wellbeing' is not a National Performance Framework outcome (one of: children-and-young-people, communities");
    }
}
