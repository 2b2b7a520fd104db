package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultFormatTest {
    private static final ResultFormat.Kind RESULTS = ResultFormat.Kind.RESULTS;
    private static final ResultFormat.Kind GRAPH = ResultFormat.Kind.GRAPH;

    @Test
    void absentOrWildcardAcceptGivesTheDefaultOfEachKind() {
        assertThat(ResultFormat.negotiate(null, RESULTS)).hasValue(ResultFormat.JSON);
        assertThat(ResultFormat.negotiate("", RESULTS)).hasValue(ResultFormat.JSON);
        assertThat(ResultFormat.negotiate("*/*", RESULTS)).hasValue(ResultFormat.JSON);
        assertThat(ResultFormat.negotiate(null, GRAPH)).hasValue(ResultFormat.TURTLE);
        assertThat(ResultFormat.negotiate("*/*", GRAPH)).hasValue(ResultFormat.TURTLE);
    }

    @Test
    void highestQualityWinsAndTiesKeepTheClientsOrder() {
        assertThat(ResultFormat.negotiate("text/csv;q=0.2, text/tab-separated-values", RESULTS))
                .hasValue(ResultFormat.TSV);
        assertThat(ResultFormat.negotiate("text/tab-separated-values, text/csv", RESULTS))
                .hasValue(ResultFormat.TSV);
        assertThat(ResultFormat.negotiate("text/csv, text/tab-separated-values", RESULTS))
                .hasValue(ResultFormat.CSV);
        assertThat(ResultFormat.negotiate("text/csv;q=0, application/sparql-results+xml", RESULTS))
                .hasValue(ResultFormat.XML);
    }

    @Test
    void unknownTypesAreSkippedAndNothingAcceptableIsEmpty() {
        assertThat(ResultFormat.negotiate("image/png, text/csv;q=0.1", RESULTS)).hasValue(ResultFormat.CSV);
        assertThat(ResultFormat.negotiate("image/png", RESULTS)).isEmpty();
        assertThat(ResultFormat.negotiate("text/csv", GRAPH)).isEmpty();
    }

    @Test
    void browsersGetTheDefaultNotAnError() {
        String firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assertThat(ResultFormat.negotiate(firefox, RESULTS)).hasValue(ResultFormat.JSON);
        assertThat(ResultFormat.negotiate(firefox, GRAPH)).hasValue(ResultFormat.TURTLE);
    }

    @Test
    void prefersHtmlOnlyWhenHtmlIsTheTopChoice() {
        assertThat(ResultFormat.prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .isTrue();
        assertThat(ResultFormat.prefersHtml("text/csv, text/html;q=0.5")).isFalse();
        assertThat(ResultFormat.prefersHtml("*/*")).isFalse();
        assertThat(ResultFormat.prefersHtml(null)).isFalse();
    }

    @Test
    void sameMediaTypeMeansTheRightFormatForEachKind() {
        assertThat(ResultFormat.negotiate("application/json", RESULTS)).hasValue(ResultFormat.JSON);
        assertThat(ResultFormat.negotiate("application/json", GRAPH)).hasValue(ResultFormat.JSONLD);
        assertThat(ResultFormat.negotiate("application/xml", RESULTS)).hasValue(ResultFormat.XML);
        assertThat(ResultFormat.negotiate("application/xml", GRAPH)).hasValue(ResultFormat.RDFXML);
    }

    @Test
    void malformedAcceptHeaderFallsBackToTheDefault() {
        assertThat(ResultFormat.negotiate("text/csv;;q=", RESULTS)).isPresent();
        assertThat(ResultFormat.negotiate("/", RESULTS)).hasValue(ResultFormat.JSON);
    }

    @Test
    void suffixes() {
        assertThat(ResultFormat.forSuffix("csv", RESULTS)).hasValue(ResultFormat.CSV);
        assertThat(ResultFormat.forSuffix("JSON", RESULTS)).hasValue(ResultFormat.JSON);
        assertThat(ResultFormat.forSuffix("json", GRAPH)).hasValue(ResultFormat.JSONLD);
        assertThat(ResultFormat.forSuffix("csv", GRAPH)).isEmpty();
        assertThat(ResultFormat.forSuffix("html", RESULTS)).isEmpty();
    }
}
