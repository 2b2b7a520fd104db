package scot.cairn.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/** The release calendar ({@link ReleaseCalendarController} alone, in a {@code @WebMvcTest} slice), on the fixture's two datasets (next updates due 2025-05-01 and 2025-08-01). */
@WebMvcTest
@ContextConfiguration(classes = {LinkedDataFixture.class, ReleaseCalendarController.class})
class ReleaseCalendarControllerTest {
    private static final String B = LinkedDataTestApplication.BASE;

    @Autowired
    MockMvc mvc;

    @Test
    void datasetsAreListedByNextUpdateDueWithTheOverdueOnesFlagged() throws IOException {
        SliceHttp http = new SliceHttp(mvc);
        HttpResponse<String> csv = http.get("/calendar.csv?on=2025-06-01");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().toList())
                .containsExactly(
                        "URI,Title,Last updated,Next update due,Status",
                        B + "data/household-waste,Household waste,2024-05-01,2025-05-01,overdue",
                        csv.body().lines().toList().get(2));
        assertThat(csv.body().lines().toList().get(2))
                .startsWith(B + "data/population-estimates,")
                .endsWith(",2025-08-01,scheduled");
        assertThat(http.get("/calendar.json?on=2025-07-15").body())
                .contains("\"overdue\":1")
                .contains("\"status\":\"due soon\"");
        assertThat(http.get("/calendar.json?on=2025-01-01&theme=population").body())
                .contains("\"overdue\":0")
                .doesNotContain("household-waste");
        HttpResponse<String> page = http.get("/calendar?on=2026-01-01", "text/html");
        assertThat(page.body()).contains("2 datasets are overdue").contains("overdue</strong>");
        assertThat(http.get("/calendar.csv?on=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void statusFollowsTheDueDate() {
        var today = java.time.LocalDate.parse("2025-06-01");
        assertThat(ReleaseCalendarController.status("2025-05-31", today)).isEqualTo("overdue");
        assertThat(ReleaseCalendarController.status("2025-06-01", today)).isEqualTo("due soon");
        assertThat(ReleaseCalendarController.status("2025-07-01", today)).isEqualTo("due soon");
        assertThat(ReleaseCalendarController.status("2025-07-02", today)).isEqualTo("scheduled");
        assertThat(ReleaseCalendarController.status("", today)).isEqualTo("no date");
    }
}
