package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.TabulationRequest.Geography;
import scot.cairn.vocab.AreaLevel;

/** Weighted counts: the perturbed unweighted count scaled by the cell's mean weight, pwc = (n + v) * wc / n. */
class WeightedCountTest {
    @TempDir
    Path dir;

    @Test
    void weightedCountScalesThePerturbedCount() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        String dz = TestGeography.zonesOf(h, AreaLevel.COUNCIL, "S12000033").get(0);
        StringBuilder csv = new StringBuilder("dz,sex,wt\n");
        for (int i = 0; i < 30; i++) {
            csv.append(dz).append(",1,").append(i % 2 == 0 ? "40" : "60").append("\n"); // 30 records, weight 1500
        }
        Path file = dir.resolve("w.csv");
        Files.writeString(file, csv);
        MicrodataDefinition def = MicrodataDefinition.parse("""
                name: survey
                geography: dz
                weight: wt
                variables:
                  - name: sex
                    categories: {"1": Male, "2": Female}
                """, "w.yaml");
        try (MicrodataStore store = MicrodataStore.inMemory()) {
            store.ingest(def, file, h);
            Tabulator t = new Tabulator(store, h, DisclosureSettings.defaults());
            TabulationResult r = t.tabulate(new TabulationRequest(
                    "survey", List.of("sex"), Geography.areas(List.of(dz)), null, "weighted-count", null));
            Cell male = r.cell(dz, "1").orElseThrow();
            assertThat(Math.abs(male.count() - 30)).isLessThanOrEqualTo(5);
            assertThat(male.value()).isCloseTo(male.count() * 1500.0 / 30, within(1e-9));
            assertThat(r.cell(dz, "2").orElseThrow().value()).isZero();
            assertThat(r.notes()).anyMatch(n -> n.contains("Weighted counts"));
        }
        assertThatThrownBy(() -> new TabulationRequest("survey", List.of(), null, null, "sum", null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("needs a magnitude");
    }
}
