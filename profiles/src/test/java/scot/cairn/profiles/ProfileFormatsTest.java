package scot.cairn.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scot.cairn.formats.Numbers;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;

/** JSON, CSV and the printable page of a profile computed from the example cubes. */
class ProfileFormatsTest {

    static TripleStore store;
    static AreaProfile aberdeen;

    @BeforeAll
    static void open() {
        store = ExampleStore.open();
        aberdeen = new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS))
                .profile(ExampleStore.profile(), "S12000033");
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void jsonCarriesEveryFigureWithItsSourceAndPeriod() throws Exception {
        JsonNode j = new ObjectMapper().readTree(ProfileFormats.json(aberdeen));
        assertThat(j.at("/area/code").asText()).isEqualTo("S12000033");
        assertThat(j.at("/area/name").asText()).isEqualTo("Aberdeen City");
        JsonNode rate = j.at("/rows/0");
        assertThat(rate.at("/id").asText()).isEqualTo("emergency-stays-rate");
        assertThat(rate.at("/source").asText()).isEqualTo("http://statistics.gov.scot/data/example-emergency-stays");
        assertThat(rate.at("/period").asText()).isEqualTo("2019");
        // a computed figure: 15 significant digits, without a double's binary noise (Numbers.computed)
        assertThat(rate.at("/value/value").asText())
                .isEqualTo(Numbers.computed(aberdeen.rows().get(0).value().value()));
        assertThat(rate.at("/value/value").asDouble())
                .isCloseTo(aberdeen.rows().get(0).value().value(), within(1e-9));
        assertThat(rate.at("/trend/direction").asText()).isEqualTo("IMPROVING");
        assertThat(rate.at("/trend/series")).hasSize(4);
    }

    @Test
    void csvHasOneRowPerIndicatorUnderTheDocumentedHeader() throws Exception {
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(ProfileFormats.csv(aberdeen)))
                .getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(ProfileFormats.CSV_HEADER);
        assertThat(rows.get(0).get("indicator")).isEqualTo("emergency-stays-rate");
        assertThat(rows.get(0).get("value"))
                .isEqualTo(Numbers.computed(aberdeen.rows().get(0).value().value()));
        assertThat(rows.get(0).get("trend")).isEqualTo("improving since 2016");
        assertThat(rows.get(0).get("worst_sub_area_name")).isEqualTo("Culter");
        assertThat(rows.get(1).get("value"))
                .isEqualTo(String.valueOf(aberdeen.rows().get(1).value().value().longValue()));
    }

    @Test
    void thePageSaysEveryJudgementInWordsAndLoadsNothingExternal() {
        String html = ProfileFormats.html(aberdeen);
        assertThat(html).contains("<h1>Aberdeen City (S12000033)</h1>");
        assertThat(html).contains("improving since 2016");
        assertThat(html).contains(aberdeen.rows().get(0).comparisonText());
        assertThat(html).contains("http://statistics.gov.scot/data/example-emergency-stays, 2019");
        assertThat(html).contains("lower is better");
        assertThat(html).contains("@media print");
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("src=")
                .doesNotContain("url(");
        // one trend chart per indicator, with its text alternative; printed on one A4 sheet
        assertThat(html.split("<svg", -1)).hasSize(aberdeen.rows().size() + 1);
        assertThat(html).contains("size:A4 landscape", "break-inside:avoid");
        assertThat(ProfileFormats.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
