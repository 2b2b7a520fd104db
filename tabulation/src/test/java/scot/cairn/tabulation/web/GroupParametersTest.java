package scot.cairn.tabulation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import scot.cairn.tabulation.InvalidRequestException;
import scot.cairn.tabulation.TabulationRequest.CategoryGroup;

/** {@code GET /tabulate?group=variable:label=code|code}: category groups as query parameters. */
class GroupParametersTest {

    @Test
    void eachGroupParameterIsOneGroupInOrderAndALabelMayHoldColonsAndEquals() {
        var groups =
                TabulationController.groups(List.of("age:0 to 15=1", "age:Ratio 1:2 = old=7|8", "sex:Everyone=1|2"));
        assertThat(groups.get("age")).extracting(CategoryGroup::label).containsExactly("0 to 15", "Ratio 1:2 = old");
        assertThat(groups.get("age").get(1).categories()).containsExactly("7", "8");
        assertThat(groups.get("sex").get(0).categories()).containsExactly("1", "2");
        assertThat(TabulationController.groups(null)).isEmpty();
    }

    @Test
    void aMalformedGroupIsABadRequestQuotingIt() {
        for (String bad : List.of("age", "age:=1", ":Young=1", "age:Young")) {
            assertThatThrownBy(() -> TabulationController.groups(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("variable:label=code|code");
        }
    }
}
