package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GzipNegotiationTest {

    @Test
    void gzipOnlyWhenAcceptedWithNonZeroQuality() {
        assertThat(SparqlController.acceptsGzip(null)).isFalse();
        assertThat(SparqlController.acceptsGzip("identity")).isFalse();
        assertThat(SparqlController.acceptsGzip("gzip")).isTrue();
        assertThat(SparqlController.acceptsGzip("deflate, gzip;q=0.5")).isTrue();
        assertThat(SparqlController.acceptsGzip("GZIP")).isTrue();
        assertThat(SparqlController.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(SparqlController.acceptsGzip("br, *")).isTrue();
        assertThat(SparqlController.acceptsGzip("deflate, br")).isFalse();
    }
}
