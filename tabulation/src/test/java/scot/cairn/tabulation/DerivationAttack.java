package scot.cairn.tabulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attacker on withheld values: treats every line of a published table (one variable running
 * over its categories and total, the others fixed, in one area) as "categories add up to the
 * total", and solves any line with a single unknown, over and over, until nothing more follows.
 * Returns the withheld cells it derived (their categories), whatever the noise would make of them.
 */
final class DerivationAttack {
    private DerivationAttack() {}

    static List<List<String>> derived(TabulationResult r) {
        Map<String, Boolean> known = new HashMap<>();
        for (Cell c : r.cells()) {
            known.put(c.area() + "|" + c.categories(), c.value() != null);
        }
        List<List<String>> derived = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Cell c : r.cells()) {
                for (int i = 0; i < c.categories().size(); i++) {
                    if (!c.categories().get(i).equals(Cell.TOTAL)) {
                        continue; // visit each line once, from its total
                    }
                    List<String> unknown = new ArrayList<>();
                    for (TabulationResult.CategoryInfo cat :
                            r.variables().get(i).categories()) {
                        List<String> cats = new ArrayList<>(c.categories());
                        cats.set(i, cat.code());
                        if (!known.get(c.area() + "|" + cats)) {
                            unknown.add(c.area() + "|" + cats);
                        }
                    }
                    if (unknown.size() == 1) {
                        known.put(unknown.get(0), true);
                        derived.add(List.of(unknown.get(0)));
                        progress = true;
                    }
                }
            }
        }
        return derived;
    }
}
