package scot.cairn.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

class UriSchemeTest {

    private final UriScheme scot = UriScheme.defaultScheme();

    @Test
    void mintsStatisticsGovScotPatternsUnderTheDefaultBase() {
        assertThat(scot.dataset("recycling")).isEqualTo("http://statistics.gov.scot/data/recycling");
        assertThat(scot.structure("recycling")).isEqualTo("http://statistics.gov.scot/data/structure/recycling");
        assertThat(scot.graph("recycling")).isEqualTo("http://statistics.gov.scot/graph/recycling");
        assertThat(scot.metadataGraph("recycling")).isEqualTo("http://statistics.gov.scot/graph/recycling/metadata");
        assertThat(scot.codeList("recycling", "gender"))
                .isEqualTo("http://statistics.gov.scot/def/code-list/recycling/gender");
        assertThat(scot.dimension("simdDomain")).isEqualTo("http://statistics.gov.scot/def/dimension/simdDomain");
        assertThat(scot.concept("gender", "male")).isEqualTo("http://statistics.gov.scot/def/concept/gender/male");
        assertThat(scot.conceptScheme("gender")).isEqualTo("http://statistics.gov.scot/def/concept-scheme/gender");
        assertThat(scot.measureProperty("ratio")).isEqualTo("http://statistics.gov.scot/def/measure-properties/ratio");
        assertThat(scot.unit("people")).isEqualTo("http://statistics.gov.scot/def/concept/measure-units/people");
        assertThat(scot.area("S01006506")).isEqualTo("http://statistics.gov.scot/id/statistical-geography/S01006506");
        assertThat(scot.statisticalEntity("S01")).isEqualTo("http://statistics.gov.scot/id/statistical-entity/S01");
        assertThat(scot.collection("council-areas"))
                .isEqualTo("http://statistics.gov.scot/def/foi/collection/council-areas");
    }

    @Test
    void anotherPublisherGetsTheSameShapesUnderItsOwnBase() {
        UriScheme other = new UriScheme("https://data.example.org/stats/");
        assertThat(other.dataset("x")).isEqualTo("https://data.example.org/stats/data/x");
        assertThat(other.mints("https://data.example.org/stats/data/x")).isTrue();
        assertThat(other.mints("http://statistics.gov.scot/data/x")).isFalse();
        assertThat(other.localPath("https://data.example.org/stats/data/x")).isEqualTo("data/x");
    }

    @Test
    void rejectsABaseWithoutTrailingSlashOrHost() {
        assertThatThrownBy(() -> new UriScheme("http://statistics.gov.scot")).hasMessageContaining("must end with '/'");
        assertThatThrownBy(() -> new UriScheme("statistics/")).hasMessageContaining("absolute");
    }

    @Test
    void observationUrisAreBuiltFromDimensionValues() {
        assertThat(scot.observation("recycling", "S12000033", "2011-2012", "ratio"))
                .isEqualTo("http://statistics.gov.scot/data/recycling/S12000033/2011-2012/ratio");
    }

    @Test
    void slugRulesAreDocumentedAndStable() {
        assertThat(Slugs.slugify("Rate per 1,000 people")).isEqualTo("rate-per-1000-people");
        assertThat(Slugs.slugify("Males & Females")).isEqualTo("males-and-females");
        assertThat(Slugs.slugify("  16-64 ")).isEqualTo("16-64");
        assertThat(Slugs.slugify("Côte d'Ivoire")).isEqualTo("cote-d-ivoire");
        assertThat(Slugs.camel("Age group")).isEqualTo("ageGroup");
        assertThat(Slugs.isSlug("rate-per-1000-people")).isTrue();
        assertThat(Slugs.isSlug("Rate")).isFalse();
        assertThatThrownBy(() -> Slugs.slugify("***")).hasMessageContaining("no letter or digit");
    }

    @Test
    void areaLevelsAreFoundByCodePrefixAndByName() {
        assertThat(AreaLevel.ofCode("S01006506")).contains(AreaLevel.DATA_ZONE);
        assertThat(AreaLevel.ofCode("S12000033")).contains(AreaLevel.COUNCIL);
        assertThat(AreaLevel.ofCode("E01000001")).isEmpty();
        assertThat(AreaLevel.parse("council-areas")).contains(AreaLevel.COUNCIL);
        assertThat(AreaLevel.parse("s08")).contains(AreaLevel.HEALTH_BOARD);
        assertThat(AreaLevel.parse("intermediate_zone")).contains(AreaLevel.INTERMEDIATE_ZONE);
    }

    @Test
    void vocabularyGraphLabelsEveryCollectionAndExternalTerm() {
        Model m = PublisherVocabulary.build(scot);
        for (AreaLevel level : AreaLevel.values()) {
            assertThat(m.getResource(scot.collection(level.collectionName())).hasProperty(RDFS.label))
                    .isTrue();
        }
        assertThat(m.getResource(Foi.within.getURI()).getProperty(RDFS.label).getString())
                .isEqualTo("within");
        assertThat(m.getResource(QB.dataSet.getURI()).hasProperty(RDFS.label)).isTrue();
    }
}
