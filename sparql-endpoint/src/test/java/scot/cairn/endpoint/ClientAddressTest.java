package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    private static MockHttpServletRequest request(String remote, String forwardedFor) {
        MockHttpServletRequest req = new MockHttpServletRequest("GET", "/sparql");
        req.setRemoteAddr(remote);
        if (forwardedFor != null) {
            req.addHeader("X-Forwarded-For", forwardedFor);
        }
        return req;
    }

    @Test
    void forwardedForIsIgnoredUnlessTrusted() {
        assertThat(SparqlController.clientAddress(request("10.1.1.1", "192.0.2.7"), false))
                .isEqualTo("10.1.1.1");
    }

    @Test
    void whenTrustedTheLastEntryCountsBecauseEarlierOnesAreClientSupplied() {
        assertThat(SparqlController.clientAddress(request("10.1.1.1", "192.0.2.7"), true))
                .isEqualTo("192.0.2.7");
        assertThat(SparqlController.clientAddress(request("10.1.1.1", "6.6.6.6, 192.0.2.7"), true))
                .isEqualTo("192.0.2.7");
        assertThat(SparqlController.clientAddress(request("10.1.1.1", null), true))
                .isEqualTo("10.1.1.1");
        assertThat(SparqlController.clientAddress(request("10.1.1.1", " "), true))
                .isEqualTo("10.1.1.1");
    }
}
