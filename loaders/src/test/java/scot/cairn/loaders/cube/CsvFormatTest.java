package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** The upload format as publishers really save it: BOM, CRLF, quotes, odd header spelling, blank lines. */
class CsvFormatTest {

    @TempDir
    Path dir;

    final TripleStore store = TripleStore.inMemory();
    final CubeLoader loader = new CubeLoader(UriScheme.defaultScheme(), CubeFixtures.AREAS);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void acceptsBomCrlfQuotesHeaderSpellingAndBlankTrailingLines() {
        String csv = "\uFEFF\"feature code\",\" Date Code \",MEASUREMENT,units,\"value\",\"GENDER\"\r\n"
                + "\"S01006506\",\"2019\",\"Count\",\"Pupils\",\"12\",\"Male\"\r\n"
                + "S01006507,2019,Ratio,Percent,\" 45.5 \",\"All\"\r\n"
                + "\r\n\r\n";
        LoadReport r = loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", csv), store);
        assertThat(r.observations()).isEqualTo(2);
        assertThat(CubeFixtures.select(store, "SELECT ?v WHERE { ?o qb:measureType ?m ; ?m ?v } ORDER BY ?v", "v"))
                .containsExactly("12", "45.5");
    }

    @Test
    void reportsTheFirstLineOfARowWithAQuotedLineBreak() {
        String csv = "FeatureCode,DateCode,Measurement,Units,Value,Gender\n"
                + "S01006506,2019,Count,Pupils,12,\"Ma\nle\"\n"
                + "S01999999,2019,Count,Pupils,12,Male\n";
        ValidationReport r = loader.validate(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", csv));
        assertThat(r.errors())
                .extracting(Object::toString)
                .containsExactly(
                        "meals.csv:2:6: code 'Ma\nle' is not in the code list of dimension Gender (All, Female, Male)",
                        "meals.csv:4:1: unknown area code S01999999 (not in the loaded geography)");
    }

    @Test
    void rHeaderManglingMatchesTheDeclaredColumn() {
        CubeDefinition d = CubeDefinition.read("""
                slug: waste
                title: Waste
                description: Waste.
                publisher: SG
                levels: [council]
                dimensions: [{column: Indicator (municipal waste)}]
                measures: [{measurement: Count, units: [Tonnes]}]
                """, "waste.yaml");
        String csv =
                "\"FeatureCode\",\"DateCode\",\"Measurement\",\"Units\",\"Value\",\"Indicator..municipal.waste.\"\n"
                        + "\"S12000033\",\"2010/2011\",\"Count\",\"Tonnes\",579,\"Waste Arisings (Tonnes)\"\n";
        loader.load(d, CubeFixtures.write(dir, "waste.csv", csv), store);
        assertThat(CubeFixtures.select(
                        store,
                        "SELECT ?c WHERE { ?o <http://statistics.gov.scot/def/dimension/indicatorMunicipalWaste> ?c }",
                        "c"))
                .containsExactly(
                        "http://statistics.gov.scot/def/concept/indicator-municipal-waste/waste-arisings-tonnes");
        assertThat(CubeFixtures.select(
                        store,
                        "SELECT ?l WHERE { <http://statistics.gov.scot/def/concept/indicator-municipal-waste/waste-arisings-tonnes> rdfs:label ?l }",
                        "l"))
                .containsExactly("Waste Arisings (Tonnes)");
    }

    @Test
    void meltsAWideFileIntoOneObservationPerCell() {
        CubeDefinition d = CubeDefinition.read("""
                slug: pop
                title: Population
                description: People by age.
                publisher: NRS
                levels: [data-zone]
                constants: {DateCode: "2020"}
                dimensions:
                  - {column: Sex, codes: [All, Female, Male]}
                  - {column: Age}
                measures: [{measurement: Count, units: [People], datatype: integer}]
                wide:
                  keep: {dz11_code: FeatureCode, sex: Sex}
                  drop: [total_population]
                  meltInto: Age
                """, "pop.yaml");
        String csv =
                "dz11_code,total_population,sex,0,1,90+\n" + "S01006506,6,All,1,2,3\n" + "S01006506,3,Female,*,1,1\n";
        LoadReport r = loader.load(d, CubeFixtures.write(dir, "pop.csv", csv), store);
        assertThat(r.observations()).isEqualTo(6);
        assertThat(CubeFixtures.select(store, "SELECT ?o WHERE { ?o a qb:Observation } ORDER BY ?o", "o"))
                .contains(
                        "http://statistics.gov.scot/data/pop/S01006506/2020/all/90-plus/count",
                        "http://statistics.gov.scot/data/pop/S01006506/2020/female/0/count");
        assertThat(CubeFixtures.select(
                        store,
                        "SELECT ?l WHERE { <http://statistics.gov.scot/def/concept/age/90-plus> rdfs:label ?l }",
                        "l"))
                .containsExactly("90+");
        assertThat(
                        CubeFixtures.ask(
                                store,
                                "ASK { <http://statistics.gov.scot/data/pop/S01006506/2020/female/0/count> "
                                        + "sdmx-attribute:obsStatus <http://statistics.gov.scot/def/concept/observation-status/suppressed> }"))
                .isTrue();

        ValidationReport bad = loader.validate(
                d,
                CubeFixtures.write(
                        dir, "pop2.csv", "dz11_code,total_population,sex,0,1,90+\n" + "S01006506,6,All,1,x,3\n"));
        assertThat(bad.errors())
                .extracting(Object::toString)
                .containsExactly(
                        "pop2.csv:2:5: value 'x' is neither a whole number nor a declared marker (*, NA, .., -)");
    }

    @Test
    void perColumnOverridesGiveEachMeltedColumnItsMeasure() {
        CubeDefinition d = CubeDefinition.read("""
                slug: simd
                title: SIMD indicators
                description: Indicators.
                publisher: SG
                levels: [data-zone]
                constants: {DateCode: "2020", Measurement: Ratio, Units: Ratio}
                dimensions: [{column: Indicator}]
                measures:
                  - {measurement: Count, units: [People]}
                  - {measurement: Ratio, units: [Ratio]}
                wide:
                  keep: {dz11_code: FeatureCode}
                  meltInto: Indicator
                  perColumn:
                    Income_count: {Measurement: Count, Units: People}
                """, "simd.yaml");
        String csv = "dz11_code,Income_rate,Income_count\nS01006506,0.08,71\nS01006507,NA,43\n";
        loader.load(d, CubeFixtures.write(dir, "simd.csv", csv), store);
        assertThat(CubeFixtures.select(store, "SELECT ?o WHERE { ?o a qb:Observation } ORDER BY ?o", "o"))
                .containsExactly(
                        "http://statistics.gov.scot/data/simd/S01006506/2020/income-count/count",
                        "http://statistics.gov.scot/data/simd/S01006506/2020/income-rate/ratio",
                        "http://statistics.gov.scot/data/simd/S01006507/2020/income-count/count",
                        "http://statistics.gov.scot/data/simd/S01006507/2020/income-rate/ratio");
        assertThat(CubeFixtures.select(
                        store,
                        "SELECT ?s WHERE { <http://statistics.gov.scot/data/simd/S01006507/2020/income-rate/ratio> sdmx-attribute:obsStatus ?s }",
                        "s"))
                .containsExactly("http://statistics.gov.scot/def/concept/observation-status/not-available");
    }

    @Test
    void aSingleMeasureAndUnitMayBeLeftOutOfTheFile() {
        CubeDefinition d = CubeDefinition.read("""
                slug: counts
                title: Counts
                description: Counts.
                publisher: SG
                levels: [council]
                measures: [{measurement: Count, units: [People]}]
                """, "counts.yaml");
        loader.load(d, CubeFixtures.write(dir, "counts.csv", "FeatureCode,DateCode,Value\nS12000033,2019,5\n"), store);
        assertThat(CubeFixtures.select(store, "SELECT ?u WHERE { ?o sdmx-attribute:unitMeasure ?u }", "u"))
                .containsExactly("http://statistics.gov.scot/def/concept/measure-units/people");
    }
}
