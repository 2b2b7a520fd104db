package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferencePeriodTest {

    @ParameterizedTest
    @CsvSource({
        "2016, http://reference.data.gov.uk/id/year/2016, 2016, 2016",
        "2016-Q2, http://reference.data.gov.uk/id/quarter/2016-Q2, 2016-Q2, 2016-Q2",
        "2016M08, http://reference.data.gov.uk/id/month/2016-08, 2016M08, 2016-08",
        "2016-08, http://reference.data.gov.uk/id/month/2016-08, 2016-08, 2016-08",
        "2009/2010, http://reference.data.gov.uk/id/government-year/2009-2010, 2009/2010, 2009-2010",
        "2005-2007, http://reference.data.gov.uk/id/gregorian-interval/2005-01-01T00:00:00/P3Y, 2005-2007, 2005-2007",
        "2016-08-01, http://reference.data.gov.uk/id/day/2016-08-01, 2016-08-01, 2016-08-01",
        "' 2017 ', http://reference.data.gov.uk/id/year/2017, 2017, 2017",
    })
    void mapsEachDateCodeFormToItsIntervalWithTheTypedLabel(String cell, String uri, String label, String key) {
        ReferencePeriod p = ReferencePeriod.parse(cell);
        assertThat(p.uri()).isEqualTo(uri);
        assertThat(p.label()).isEqualTo(label).doesNotContain("P3Y");
        assertThat(p.key()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "16", "2016-Q5", "2016M13", "2009/2011", "2007-2005", "2016-02-30", "last year"})
    void rejectsMalformedPeriods(String cell) {
        assertThatThrownBy(() -> ReferencePeriod.parse(cell))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed period '" + cell.strip() + "'");
    }
}
