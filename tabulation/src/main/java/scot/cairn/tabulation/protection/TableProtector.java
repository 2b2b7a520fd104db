package scot.cairn.tabulation.protection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scot.cairn.tabulation.Cell;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.TabulationResult;
import scot.cairn.tabulation.disclosure.CellKeys;

/**
 * Turns the true cells of a table into the published ones: withholds sparse areas, withholds
 * magnitudes over too few contributors or dominated by their largest ones, then enough further
 * cells that none of those can be derived from its line (see {@link SecondarySuppression}), and
 * perturbs every other count and magnitude by the cell key method. Every withheld value carries
 * the one public flag {@link Cell#FLAG_WITHHELD}; why it was withheld is reported to the caller
 * for the audit log only. Thread-safe (holds only the settings).
 */
public final class TableProtector {
    public static final String NOTE_TOTALS =
            "Every cell, including totals and subtotals, is perturbed independently by the cell key "
                    + "method, so cells may not add up to their totals. The same group of records always gets the same value, in every table.";
    static final String NOTE_SMALL = "Counts of 1 and 2 are never published: small counts appear as 0 or as 3 or more.";
    /** The note on means (tests read it). */
    public static final String NOTE_MEAN = "Means are perturbed sums divided by perturbed counts.";

    private final DisclosureSettings settings;

    public TableProtector(DisclosureSettings settings) {
        this.settings = settings;
    }

    /** A published table and, for the audit log only, how many cells each reason withheld. */
    public record Protected(TabulationResult result, Map<String, Integer> withheldBy) {}

    public Protected protect(TableSpec spec, CellGrid grid) {
        List<TabulationResult.BlockedArea> blocked = new ArrayList<>();
        boolean[] blockedArea = Sparsity.blockedAreas(grid, spec, settings, blocked);
        Map<String, Integer> reasons = new LinkedHashMap<>();
        reasons.put("sparsity", blocked.size());
        boolean[] withheld = spec.isMagnitude() ? magnitudeSuppression(grid, blockedArea, reasons) : null;
        List<Cell> cells = publish(spec, grid, blockedArea, withheld);
        int magnitudeWithheld = reasons.getOrDefault("min-frequency", 0)
                + reasons.getOrDefault("dominance", 0)
                + reasons.getOrDefault("secondary", 0);
        TabulationResult result = new TabulationResult(
                spec.dataset(),
                spec.title(),
                spec.unit(),
                spec.measure(),
                spec.magnitude(),
                spec.variables(),
                spec.geography(),
                spec.areas(),
                cells,
                RuleReports.of(spec, settings, blocked.size(), magnitudeWithheld),
                blocked,
                notes(spec, blocked.size(), magnitudeWithheld));
        return new Protected(result, reasons);
    }

    /** Primary (minimum frequency, dominance) and secondary suppression of magnitudes. */
    private boolean[] magnitudeSuppression(CellGrid g, boolean[] blockedArea, Map<String, Integer> reasons) {
        boolean[] withheld = new boolean[g.n.length];
        int minFrequency = 0;
        int dominance = 0;
        for (int idx = 0; idx < g.n.length; idx++) {
            if (g.n[idx] == 0 || blockedArea[idx / g.perArea]) {
                continue;
            }
            if (g.n[idx] < settings.minFrequency()) {
                withheld[idx] = true;
                minFrequency++;
            } else if (settings.dominance().sensitive(g.sum[idx], g.top[idx])) {
                withheld[idx] = true;
                dominance++;
            }
        }
        reasons.put("min-frequency", minFrequency);
        reasons.put("dominance", dominance);
        reasons.put("secondary", SecondarySuppression.apply(g, g.sum, withheld, blockedArea));
        return withheld;
    }

    private List<Cell> publish(TableSpec spec, CellGrid g, boolean[] blockedArea, boolean[] withheld) {
        CellLabels labels = new CellLabels(spec, g);
        List<Cell> cells = new ArrayList<>(g.n.length);
        List<String> withheldFlags = List.of(Cell.FLAG_WITHHELD);
        List<String> withheldTotalFlags = List.of(Cell.FLAG_TOTAL, Cell.FLAG_WITHHELD);
        for (int a = 0; a < g.areas; a++) {
            String area = spec.areas().get(a).code();
            for (int cell = 0; cell < g.perArea; cell++) {
                int idx = a * g.perArea + cell;
                boolean total = g.isTotal(cell);
                if (blockedArea[a] || (withheld != null && withheld[idx])) {
                    cells.add(new Cell(
                            area, labels.categories(cell), null, null, total ? withheldTotalFlags : withheldFlags));
                } else {
                    cells.add(publishedCell(spec, g, idx, area, labels.categories(cell), total));
                }
            }
        }
        return cells;
    }

    private Cell publishedCell(
            TableSpec spec, CellGrid g, int idx, String area, List<String> categories, boolean total) {
        long n = g.n[idx];
        double ck = CellKeys.toUnit(g.key[idx]);
        long published = settings.countPtable().publish(n, ck);
        Double value = null;
        if (spec.isWeighted()) {
            value = n == 0 ? 0.0 : published * g.weight[idx] / n;
        } else if (spec.isMagnitude()) {
            double psum = n == 0 ? 0.0 : settings.magnitude().perturb(g.sum[idx], g.top[idx], ck);
            if (spec.measure().equals("sum")) {
                value = psum;
            } else if (published != 0) {
                value = psum / published;
            }
        }
        return new Cell(area, categories, published, value, total ? List.of(Cell.FLAG_TOTAL) : List.of());
    }

    private static List<String> notes(TableSpec spec, int blockedAreas, int magnitudeWithheld) {
        List<String> notes = new ArrayList<>();
        notes.add(NOTE_TOTALS);
        notes.add(NOTE_SMALL);
        if (spec.measure().equals("mean")) {
            notes.add(NOTE_MEAN);
        }
        if (spec.isWeighted()) {
            notes.add("Weighted counts are the perturbed count scaled by the cell's mean weight.");
        }
        if (blockedAreas > 0) {
            notes.add(blockedAreas
                    + " area(s) withheld by the sparsity rule: ask for less detail or a larger area to see them.");
        }
        if (magnitudeWithheld > 0) {
            notes.add(
                    "Some values are withheld to protect individual contributors (and so that withheld values cannot be derived "
                            + "from totals): ask for fewer categories or a larger area.");
        }
        return notes;
    }
}
