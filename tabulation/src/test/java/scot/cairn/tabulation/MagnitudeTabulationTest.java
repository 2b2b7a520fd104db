package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.TabulationRequest.Geography;
import scot.cairn.vocab.AreaLevel;

/** Business data: sums and means of a magnitude with perturbation, dominance and secondary suppression. */
class MagnitudeTabulationTest {
    @TempDir
    Path dir;

    static final String DEFINITION = """
            name: businesses
            title: Test business register
            unit: businesses
            geography: dz
            variables:
              - name: industry
                categories: {"1": Retail, "2": Energy, "3": Fishing, "4": Construction, "5": Services}
            magnitudes:
              - name: turnover
                label: Turnover (thousand pounds)
            """;

    @Test
    void sumsArePerturbedAndDominatedCellsSuppressedWithASecondarySuppression() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        List<String> zones = TestGeography.zonesOf(h, AreaLevel.COUNCIL, "S12000033");
        StringBuilder csv = new StringBuilder("dz,industry,turnover\n");
        int[][] plan = {{1, 50, 100}, {2, 9, 10}, {3, 5, 20}, {4, 30, 50}, {5, 20, 80}};
        int z = 0;
        for (int[] p : plan) {
            for (int i = 0; i < p[1]; i++) {
                csv.append(zones.get(z++ % zones.size())).append(",").append(p[0]).append(",").append(p[2] + i % 3).append("\n");
            }
        }
        csv.append(zones.get(0)).append(",2,10000\n"); // one energy business dominates its industry
        Path file = dir.resolve("b.csv");
        Files.writeString(file, csv);
        try (MicrodataStore store = MicrodataStore.inMemory()) {
            store.ingest(MicrodataDefinition.parse(DEFINITION, "b.yaml"), file, h);
            Tabulator t = new Tabulator(store, h, DisclosureSettings.defaults());
            Geography aberdeen = Geography.areas(List.of("S12000033"));
            TabulationResult sum = t.tabulate(new TabulationRequest("businesses", List.of("industry"), aberdeen, null, "sum", "turnover"));
            Cell energy = sum.cell("S12000033", "2").orElseThrow();
            assertThat(energy.value()).isNull();
            assertThat(energy.flags()).containsExactly(Cell.FLAG_WITHHELD);
            assertThat(energy.count()).isNull();
            Cell fishing = sum.cell("S12000033", "3").orElseThrow();
            assertThat(fishing.value()).isNull();
            assertThat(fishing.flags()).containsExactly(Cell.FLAG_WITHHELD);
            // One public rule and one count for every magnitude suppression: which cell is primary is not told.
            assertThat(sum.rules()).filteredOn(r -> r.rule().equals("magnitude-suppression")).singleElement()
                    .satisfies(r -> assertThat(r.fired()).isEqualTo(2));
            assertThat(sum.rules()).extracting(TabulationResult.RuleReport::rule).doesNotContain("dominance", "min-frequency");
            // The rule's parameters are never published.
            assertThat(sum.rules().toString()).doesNotContain("85");
            Cell retail = sum.cell("S12000033", "1").orElseThrow();
            double trueRetail = 50 * 100 + (17 * 0 + 17 * 1 + 16 * 2);
            // Noise: 0.1 x (102 u1 + 0.5 x 101 u2 + 0.25 x 100 u3), each |u| between 1 and 6.5; never exact.
            assertThat(retail.value()).isNotNull().isCloseTo(trueRetail, within(0.1 * 6.5 * (102 + 50.5 + 25)))
                    .isNotEqualTo(trueRetail);
            Cell total = sum.cell("S12000033", Cell.TOTAL).orElseThrow();
            assertThat(total.value()).isNotNull();
            assertThat(total.flags()).containsExactly(Cell.FLAG_TOTAL);
            // Means: perturbed sum over perturbed count.
            TabulationResult mean = t.tabulate(new TabulationRequest("businesses", List.of("industry"), aberdeen, null, "mean", "turnover"));
            Cell retailMean = mean.cell("S12000033", "1").orElseThrow();
            assertThat(retailMean.count()).isEqualTo(retail.count());
            assertThat(retailMean.value()).isCloseTo(retail.value() / retail.count(), within(1e-9));
            assertThat(mean.notes()).contains(Tabulator.NOTE_MEAN);
            assertThat(mean.cell("S12000033", "2").orElseThrow().value()).isNull();
        }
    }

    @Test
    void fewerThanThreeContributorsAreSuppressed() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        String dz = TestGeography.zonesOf(h, AreaLevel.COUNCIL, "S12000033").get(0);
        StringBuilder csv = new StringBuilder("dz,industry,turnover\n");
        for (int i = 0; i < 40; i++) {
            csv.append(dz).append(",1,").append(100 + i).append("\n");
        }
        csv.append(dz).append(",4,300\n").append(dz).append(",4,310\n");
        Path file = dir.resolve("c.csv");
        Files.writeString(file, csv);
        try (MicrodataStore store = MicrodataStore.inMemory()) {
            store.ingest(MicrodataDefinition.parse(DEFINITION, "b.yaml"), file, h);
            Tabulator t = new Tabulator(store, h, DisclosureSettings.defaults());
            TabulationResult r = t.tabulate(new TabulationRequest("businesses", List.of("industry"), Geography.areas(List.of(dz)), null, "sum", "turnover"));
            assertThat(r.cell(dz, "4").orElseThrow().flags()).containsExactly(Cell.FLAG_WITHHELD);
            assertThat(r.cell(dz, "2").orElseThrow().value()).isEqualTo(0.0);
            assertThat(r.cell(dz, "2").orElseThrow().count()).isZero();
            // The other non-empty industry is suppressed too, or 4 could be derived from the total.
            assertThat(r.cell(dz, "1").orElseThrow().flags()).containsExactly(Cell.FLAG_WITHHELD);
        }
    }
}
