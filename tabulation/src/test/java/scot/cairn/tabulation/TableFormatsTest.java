package scot.cairn.tabulation;

import scot.cairn.tabulation.protection.TableProtector;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Output formats over a hand-made result (no database needed). */
class TableFormatsTest {
    static TabulationResult result() {
        var sex = new TabulationResult.VariableInfo("sex", "Sex", List.of(new TabulationResult.CategoryInfo("1", "Male"),
                new TabulationResult.CategoryInfo("2", "Female"), new TabulationResult.CategoryInfo(Cell.TOTAL, "Total")));
        var areas = List.of(new TabulationResult.AreaInfo("S12000033", "Aberdeen City", "council-areas"),
                new TabulationResult.AreaInfo("S12000034", "Aberdeenshire", "council-areas"));
        var cells = List.of(
                new Cell("S12000033", List.of("1"), 10L, null, List.of()),
                new Cell("S12000033", List.of("2"), 0L, null, List.of()),
                new Cell("S12000033", List.of(Cell.TOTAL), 12L, null, List.of(Cell.FLAG_TOTAL)),
                new Cell("S12000034", List.of("1"), null, null, List.of(Cell.FLAG_WITHHELD)),
                new Cell("S12000034", List.of("2"), null, null, List.of(Cell.FLAG_WITHHELD)),
                new Cell("S12000034", List.of(Cell.TOTAL), null, null, List.of(Cell.FLAG_TOTAL, Cell.FLAG_WITHHELD)));
        return new TabulationResult("persons", "Persons", "persons", "count", null, List.of(sex), "council-areas", areas, cells,
                List.of(new TabulationResult.RuleReport("sparsity", "d", 1)),
                List.of(new TabulationResult.BlockedArea("S12000034", "sparsity", "r", "a")), List.of(TableProtector.NOTE_TOTALS));
    }

    @Test
    void csvHasOneRowPerCellWithFlagColumns() throws Exception {
        StringWriter w = new StringWriter();
        TableFormats.writeCsv(result(), w);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(w.toString())).getRecords();
        assertThat(w.toString()).startsWith("area,area_name,sex,sex_label,count,total,withheld\n");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(2).toMap()).isEqualTo(Map.of("area", "S12000033", "area_name", "Aberdeen City", "sex", "_T",
                "sex_label", "Total", "count", "12", "total", "true", "withheld", ""));
        assertThat(rows.get(5).get("count")).isEmpty();
        assertThat(rows.get(5).get("withheld")).isEqualTo("withheld");
    }

    @Test
    void jsonStatIsAValidDatasetInRowMajorOrder() throws Exception {
        JsonNode ds = new ObjectMapper().valueToTree(TableFormats.jsonStat(result()));
        assertThat(ds.get("version").asText()).isEqualTo("2.0");
        assertThat(ds.get("class").asText()).isEqualTo("dataset");
        assertThat(ds.get("id").toString()).isEqualTo("[\"area\",\"sex\"]");
        assertThat(ds.get("size").toString()).isEqualTo("[2,3]");
        assertThat(ds.get("value").toString()).isEqualTo("[10,0,12,null,null,null]");
        assertThat(ds.at("/dimension/sex/category/index/_T").asInt()).isEqualTo(2);
        assertThat(ds.at("/dimension/area/category/label/S12000034").asText()).isEqualTo("Aberdeenshire");
        assertThat(ds.at("/status/3").asText()).isEqualTo("withheld");
        assertThat(ds.at("/status/2").isMissingNode()).isTrue();
        assertThat(ds.at("/role/geo/0").asText()).isEqualTo("area");
        assertThat(ds.at("/note/0").asText()).contains("may not add up");
    }
}
