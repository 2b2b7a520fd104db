package scot.cairn.tabulation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import scot.cairn.tabulation.Localities;
import scot.cairn.tabulation.TabulationStoreException;
import scot.cairn.tabulation.Tabulator;

/** A store that fails, or cannot be opened, is a 503 in plain words, its details (paths) in the log only. */
class TabulationControllerTest {

    @SuppressWarnings("unchecked")
    @Test
    void aFailingOrUnopenableStoreIs503WithoutItsDetails() throws Exception {
        ObjectProvider<Tabulator> tabulators = mock(ObjectProvider.class);
        when(tabulators.getObject())
                .thenThrow(new TabulationStoreException(
                        "the tabulation store at /srv/secret/microdata.duckdb " + "could not be opened",
                        new RuntimeException("disk")));
        ObjectProvider<Localities> localities = mock(ObjectProvider.class);
        when(localities.getObject())
                .thenThrow(new BeanCreationException(
                        "localities",
                        "failed",
                        new TabulationStoreException(
                                "cannot open /srv/secret/microdata.duckdb", new RuntimeException())));
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new TabulationController(
                        tabulators, localities, new TabulationClientProperties(Map.of(), 262_144), true))
                .build();
        for (String path : new String[] {"/tabulate/datasets", "/localities", "/localities/culter"}) {
            MvcResult r = mvc.perform(MockMvcRequestBuilders.get(path)).andReturn();
            assertThat(r.getResponse().getStatus()).as(path).isEqualTo(503);
            assertThat(r.getResponse().getContentAsString())
                    .as(path)
                    .contains("\"error\"")
                    .contains("try again later")
                    .doesNotContain("/srv/secret");
        }
    }
}
