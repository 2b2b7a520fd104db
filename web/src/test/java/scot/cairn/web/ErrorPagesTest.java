package scot.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import scot.cairn.web.ErrorPages.Representation;

class ErrorPagesTest {

    @Test
    void aBrowserGetsAPageAJsonClientJsonAndEveryoneElseText() {
        assertThat(ErrorPages.representation("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .isEqualTo(Representation.HTML);
        assertThat(ErrorPages.representation("application/json")).isEqualTo(Representation.JSON);
        assertThat(ErrorPages.representation("application/sparql-results+json")).isEqualTo(Representation.JSON);
        assertThat(ErrorPages.representation("application/json;q=0.5, text/html"))
                .isEqualTo(Representation.HTML);
        assertThat(ErrorPages.representation(null)).isEqualTo(Representation.TEXT);
        assertThat(ErrorPages.representation("*/*")).isEqualTo(Representation.TEXT);
        assertThat(ErrorPages.representation("text/csv")).isEqualTo(Representation.TEXT);
        assertThat(ErrorPages.representation("text/html;q=0")).isEqualTo(Representation.TEXT);
        assertThat(ErrorPages.representation("not a media type")).isEqualTo(Representation.TEXT);
    }

    @Test
    void theApplicationsOwnWordsForAClientErrorNeverAnExceptionsForAServerError() {
        assertThat(ErrorPages.message(HttpStatus.NOT_FOUND, "No area S12999999", "/areas/S12999999"))
                .isEqualTo("No area S12999999");
        assertThat(ErrorPages.message(HttpStatus.NOT_FOUND, null, "/x")).isEqualTo("There is nothing at /x.");
        assertThat(ErrorPages.message(
                        HttpStatus.INTERNAL_SERVER_ERROR, "java.lang.NullPointerException: at /srv/secret", "/x"))
                .isEqualTo("The server could not answer this request.");
        assertThat(ErrorPages.message(HttpStatus.BAD_REQUEST, "x".repeat(1000), "/x"))
                .hasSize(303);
        assertThat(ErrorPages.title(HttpStatus.NOT_FOUND)).isEqualTo("Page not found");
        assertThat(ErrorPages.title(HttpStatus.BAD_GATEWAY)).isEqualTo("Something went wrong");
    }
}
