package scot.cairn.linkeddata;

import java.net.http.HttpResponse;
import org.springframework.test.web.servlet.MockMvc;
import scot.cairn.testsupport.MockMvcHttp;

/** {@link Http}'s two requests, answered in a {@code @WebMvcTest} slice by {@link MockMvcHttp}. */
final class SliceHttp {
    private final MockMvcHttp mvc;

    SliceHttp(MockMvc mvc) {
        this.mvc = new MockMvcHttp(mvc);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return MockMvcHttp.text(mvc.get(pathAndQuery));
    }

    HttpResponse<String> get(String pathAndQuery, String accept) {
        return MockMvcHttp.text(accept == null ? mvc.get(pathAndQuery) : mvc.get(pathAndQuery, "Accept", accept));
    }
}
