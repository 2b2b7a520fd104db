package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import scot.cairn.tabulation.protection.TableProtector;

/** Output formats over a hand-made result (no database needed). */
class TableFormatsTest {
    static TabulationResult result() {
        var sex = new TabulationResult.VariableInfo(
                "sex",
                "Sex",
                List.of(
                        new TabulationResult.CategoryInfo("1", "Male"),
                        new TabulationResult.CategoryInfo("2", "Female"),
                        new TabulationResult.CategoryInfo(Cell.TOTAL, "Total")));
        var areas = List.of(
                new TabulationResult.AreaInfo("S12000033", "Aberdeen City", "council-areas"),
                new TabulationResult.AreaInfo("S12000034", "Aberdeenshire", "council-areas"));
        var cells = List.of(
                new Cell("S12000033", List.of("1"), 10L, null, List.of()),
                new Cell("S12000033", List.of("2"), 0L, null, List.of()),
                new Cell("S12000033", List.of(Cell.TOTAL), 12L, null, List.of(Cell.FLAG_TOTAL)),
                new Cell("S12000034", List.of("1"), null, null, List.of(Cell.FLAG_WITHHELD)),
                new Cell("S12000034", List.of("2"), null, null, List.of(Cell.FLAG_WITHHELD)),
                new Cell("S12000034", List.of(Cell.TOTAL), null, null, List.of(Cell.FLAG_TOTAL, Cell.FLAG_WITHHELD)));
        return new TabulationResult(
                "persons",
                "Persons",
                "persons",
                "count",
                null,
                List.of(sex),
                "council-areas",
                areas,
                cells,
                List.of(new TabulationResult.RuleReport("sparsity", "d", 1)),
                List.of(new TabulationResult.BlockedArea("S12000034", "sparsity", "r", "a")),
                List.of(TableProtector.NOTE_TOTALS));
    }

    @Test
    void csvHasOneRowPerCellWithFlagColumns() throws Exception {
        StringWriter w = new StringWriter();
        TableFormats.writeCsv(result(), w);
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(w.toString()))
                .getRecords();
        assertThat(w.toString()).startsWith("area,area_name,sex,sex_label,count,total,withheld\n");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(2).toMap())
                .isEqualTo(Map.of(
                        "area",
                        "S12000033",
                        "area_name",
                        "Aberdeen City",
                        "sex",
                        "_T",
                        "sex_label",
                        "Total",
                        "count",
                        "12",
                        "total",
                        "true",
                        "withheld",
                        ""));
        assertThat(rows.get(5).get("count")).isEmpty();
        assertThat(rows.get(5).get("withheld")).isEqualTo("withheld");
    }

    @Test
    void jsonStatIsAValidDatasetInRowMajorOrder() throws Exception {
        JsonNode ds = new ObjectMapper().readTree(TableFormats.jsonStat(result(), false));
        assertThat(ds.get("version").asText()).isEqualTo("2.0");
        assertThat(ds.get("class").asText()).isEqualTo("dataset");
        assertThat(ds.get("id").toString()).isEqualTo("[\"area\",\"sex\",\"measure\"]");
        assertThat(ds.get("size").toString()).isEqualTo("[2,3,1]");
        assertThat(ds.get("value").toString()).isEqualTo("[10,0,12,null,null,null]");
        assertThat(ds.at("/dimension/sex/category/index/_T").asInt()).isEqualTo(2);
        assertThat(ds.at("/dimension/area/category/label/S12000034").asText()).isEqualTo("Aberdeenshire");
        assertThat(ds.at("/role/geo/0").asText()).isEqualTo("area");
        assertThat(ds.at("/note/0").asText()).contains("may not add up");
    }

    @Test
    void jsonStatCarriesTheUnitOnItsMetricDimension() throws Exception {
        JsonNode ds = new ObjectMapper().readTree(TableFormats.jsonStat(result(), false));
        assertThat(ds.at("/role/metric").toString()).isEqualTo("[\"measure\"]");
        assertThat(ds.at("/dimension/measure/category/label/count").asText()).isEqualTo("Count of persons");
        assertThat(ds.at("/dimension/measure/category/unit/count").toString())
                .isEqualTo("{\"decimals\":0,\"label\":\"persons\"}");
    }

    @Test
    void withheldCellsHaveTheSharedStatusAndNoPublicReason() throws Exception {
        JsonNode ds = new ObjectMapper().readTree(TableFormats.jsonStat(result(), false));
        assertThat(ds.at("/status/3").asText()).isEqualTo("suppressed");
        assertThat(ds.at("/status/2").isMissingNode()).isTrue();
        assertThat(ds.at("/extension/status/suppressed").asText()).isEqualTo("Suppressed (confidential)");
        assertThat(ds.at("/extension/withheld").isMissingNode()).isTrue();
        assertThat(ds.at("/extension/rules/0/rule").asText()).isEqualTo("sparsity");
    }

    /**
     * An area the dataset does not cover is "not available" in JSON-stat ("no-data" in the CSV), never
     * "suppressed": the table builder shows it as "no data", apart from both a zero and a withheld cell.
     */
    @Test
    void cellsOfAnAreaWithNoDataAreNotAvailableNotSuppressed() throws Exception {
        TabulationResult r = result();
        var areas = List.of(
                r.areas().get(0), new TabulationResult.AreaInfo("S12000023", "Orkney Islands", "council-areas", true));
        var cells = List.of(
                r.cells().get(0),
                r.cells().get(1),
                r.cells().get(2),
                new Cell("S12000023", List.of("1"), null, null, List.of(Cell.FLAG_NO_DATA)),
                new Cell("S12000023", List.of("2"), null, null, List.of(Cell.FLAG_NO_DATA)),
                new Cell("S12000023", List.of(Cell.TOTAL), null, null, List.of(Cell.FLAG_TOTAL, Cell.FLAG_NO_DATA)));
        TabulationResult noData = new TabulationResult(
                r.dataset(),
                r.title(),
                r.unit(),
                r.measure(),
                r.magnitude(),
                r.variables(),
                r.geography(),
                areas,
                cells,
                List.of(),
                List.of(),
                r.notes());
        JsonNode ds = new ObjectMapper().readTree(TableFormats.jsonStat(noData, false));
        assertThat(ds.get("value").toString()).isEqualTo("[10,0,12,null,null,null]");
        assertThat(ds.at("/status/1").isMissingNode()).isTrue();
        for (int i = 3; i < 6; i++) {
            assertThat(ds.at("/status/" + i).asText()).as("cell " + i).isEqualTo("not-available");
        }
        assertThat(ds.at("/extension/status/not-available").asText()).isEqualTo("Not available");
        assertThat(ds.at("/extension/status/suppressed").isMissingNode()).isTrue();
        StringWriter w = new StringWriter();
        TableFormats.writeCsv(noData, w);
        assertThat(w.toString()).contains("S12000023,Orkney Islands,1,Male,,false,no-data\n");
    }

    @Test
    void csvNeutralisesALocalityNamedLikeAFormulaUnlessAskedToKeepIt() throws Exception {
        TabulationResult r = result();
        TabulationResult hostile = new TabulationResult(
                r.dataset(),
                r.title(),
                r.unit(),
                r.measure(),
                r.magnitude(),
                r.variables(),
                r.geography(),
                List.of(
                        new TabulationResult.AreaInfo("S12000033", "=HYPERLINK(\"http://evil.example\")", "locality"),
                        r.areas().get(1)),
                r.cells(),
                r.rules(),
                r.blocked(),
                r.notes());
        StringWriter neutralised = new StringWriter();
        TableFormats.writeCsv(hostile, neutralised);
        assertThat(neutralised.toString()).contains("S12000033,\"'=HYPERLINK(\"\"http://evil.example\"\")\",1,");
        StringWriter kept = new StringWriter();
        TableFormats.writeCsv(hostile, kept, scot.cairn.formats.Formulas.KEEP);
        assertThat(kept.toString()).contains("S12000033,\"=HYPERLINK(\"\"http://evil.example\"\")\",1,");
    }

    @Test
    void meansAreWrittenWithoutBinaryNoise() throws Exception {
        TabulationResult r = result();
        TabulationResult mean = new TabulationResult(
                r.dataset(),
                r.title(),
                r.unit(),
                "mean",
                "turnover",
                r.variables(),
                r.geography(),
                r.areas(),
                List.of(new Cell("S12000033", List.of("1"), 10L, 0.1 + 0.2, List.of())),
                r.rules(),
                r.blocked(),
                r.notes());
        StringWriter w = new StringWriter();
        TableFormats.writeCsv(mean, w);
        assertThat(w.toString()).contains("S12000033,Aberdeen City,1,Male,10,0.3,false,");
        assertThat(TableFormats.jsonStat(mean, false)).contains("\"value\":[0.3]");
        assertThat(TableFormats.json(mean, false)).contains("\"value\":0.3");
    }
}
