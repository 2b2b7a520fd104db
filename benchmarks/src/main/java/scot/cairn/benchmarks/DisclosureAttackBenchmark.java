package scot.cairn.benchmarks;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.Cell;
import scot.cairn.tabulation.Client;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.IngestReport;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.TabulationRefusedException;
import scot.cairn.tabulation.TabulationRequest;
import scot.cairn.tabulation.TabulationRequest.Geography;
import scot.cairn.tabulation.TabulationResult;
import scot.cairn.tabulation.Tabulator;
import scot.cairn.tabulation.TestGeography;
import scot.cairn.tabulation.differencing.ClientLimits;
import scot.cairn.tabulation.differencing.DifferencingSettings;
import scot.cairn.tabulation.disclosure.MagnitudePerturbation;
import scot.cairn.tabulation.disclosure.Ptable;
import scot.cairn.vocab.AreaLevel;

/**
 * Plays an intruder against the tabulation service on the full synthetic population (5.47 M
 * persons, 219 k businesses from {@code tabulate-generate}), with the shipped disclosure settings
 * ("after") and, for comparison, with the differencing rule off and the Handbook's discrete
 * magnitude noise ("before": what the service did before), and measures what each attack learns,
 * what the protection costs analysts, and how long the registry's check takes.
 *
 * <ol>
 * <li>Single-zone differencing: a person unique in their ethnic group in data zone Dx; health
 * among that group for the council (a standard area) and for the council without Dx.</li>
 * <li>Averaging over 16 pairs of different random base areas, with and without Dx.</li>
 * <li>A chain of three areas whose combination is Dx: (P + Dx) + (Q + Dx) - (P + Q + Dx).</li>
 * <li>Magnitude differencing: a business alone in its industry in its data zone; the council's
 * industry sum of employees minus the same for the council without the zone.</li>
 * <li>Derivation of withheld magnitudes from the lines of the same table (industry x size,
 * employees, for every intermediate zone, ward and constituency).</li>
 * </ol>
 *
 * Run from the repository root (the tabulation module's classes and its dependencies on the
 * classpath, as for {@link TabulationBenchmark}; see docs/BENCHMARKS.md, "Disclosure attacks"):
 * <pre>
 * java -Xmx8g -cp ... scot.cairn.benchmarks.DisclosureAttackBenchmark /tmp/cairn-pop ../shared/data/real/geography/Datazone2011lookup.csv /tmp/cairn-attack
 * </pre>
 * Arguments: the folder {@code tabulate-generate} wrote (persons.csv, persons.yaml,
 * businesses.csv, businesses.yaml), the data zone lookup, a scratch folder, and optionally
 * {@code --noise-only}: the magnitude attack alone, with the differencing rule off, on the store
 * an earlier run left in the scratch folder (what the shipped magnitude noise alone protects).
 * Client quotas are set high enough not to stop the attacks: what is measured is the rules.
 */
public final class DisclosureAttackBenchmark {
    private static final List<String> HEALTH = List.of("1", "2", "3", "4", "5");
    private static final int TARGETS = 400;
    private static final ClientLimits UNLIMITED = new ClientLimits(false, Integer.MAX_VALUE, Integer.MAX_VALUE, 5);

    record Person(long rid, String zone, String ethnic, String health) {}

    record Business(long rid, String zone, String industry, double employees) {}

    private final AreaHierarchy geography;
    private final Path population;
    private final Map<String, List<String>> councilZones = new TreeMap<>();
    private final Map<String, List<String>> izZones = new TreeMap<>();

    private DisclosureAttackBenchmark(AreaHierarchy geography, Path population) {
        this.geography = geography;
        this.population = population;
        for (String dz : geography.dataZones()) {
            councilZones
                    .computeIfAbsent(geography.parent(dz, AreaLevel.COUNCIL).orElseThrow(), k -> new ArrayList<>())
                    .add(dz);
            izZones.computeIfAbsent(
                            geography.parent(dz, AreaLevel.INTERMEDIATE_ZONE).orElseThrow(), k -> new ArrayList<>())
                    .add(dz);
        }
    }

    public static void main(String[] args) throws Exception {
        Path pop = Path.of(args[0]);
        AreaHierarchy geography = TestGeography.fromLookup(Path.of(args[1]));
        Path work = Path.of(args[2]);
        DisclosureAttackBenchmark b = new DisclosureAttackBenchmark(geography, pop);
        System.out.printf(
                Locale.ROOT,
                "load average at start: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        List<Person> persons = uniquePersons(pop.resolve("persons.csv"));
        List<Business> businesses = loneBusinesses(pop.resolve("businesses.csv"));
        System.out.printf(
                Locale.ROOT,
                "targets: %d persons unique in their ethnic group in their data zone, %d businesses alone in their industry in theirs%n",
                persons.size(),
                businesses.size());
        DisclosureSettings after = DisclosureSettings.defaults();
        DifferencingSettings off = new DifferencingSettings(DifferencingSettings.BuildingBlocks.DATA_ZONE, 1, 0);
        DisclosureSettings before = after.withDifferencing(off)
                .withMagnitude(MagnitudePerturbation.handbook(Ptable.defaultMagnitudeTable(), 0.1));
        if (args.length > 3 && args[3].equals("--noise-only")) {
            // The shipped magnitude noise alone, the differencing rule off, on the store the "after" run left.
            try (MicrodataStore store =
                    MicrodataStore.open(work.resolve("after").resolve("microdata.duckdb"))) {
                System.out.println("== shipped magnitude noise, differencing rule off");
                b.magnitudes(
                        new Tabulator(
                                store,
                                geography,
                                after.withDifferencing(off),
                                0,
                                Tabulator.DEFAULT_MEMORY_RECORDS,
                                UNLIMITED),
                        businesses);
            }
            return;
        }
        for (String label : List.of("before", "after")) {
            DisclosureSettings settings = label.equals("before") ? before : after;
            Path dir = work.resolve(label);
            deleteTree(dir);
            try (MicrodataStore store = MicrodataStore.open(dir.resolve("microdata.duckdb"))) {
                long t = System.nanoTime();
                MicrodataDefinition def = MicrodataDefinition.load(pop.resolve("persons.yaml"));
                if (label.equals("before") && def.swapping() != null) {
                    // As before: every record unique in its data zone selected at the one rate.
                    MicrodataDefinition.Swapping sw = def.swapping();
                    def = new MicrodataDefinition(
                            def.name(),
                            def.title(),
                            def.unit(),
                            def.geography(),
                            def.weight(),
                            def.variables(),
                            def.magnitudes(),
                            new MicrodataDefinition.Swapping(
                                    sw.keyVariables(), sw.matchVariables(), sw.rate(), sw.rate(), sw.seed()));
                }
                IngestReport p = store.ingest(def, pop.resolve("persons.csv"), geography);
                store.ingest(
                        MicrodataDefinition.load(pop.resolve("businesses.yaml")),
                        pop.resolve("businesses.csv"),
                        geography);
                System.out.printf(
                        Locale.ROOT,
                        "%n== %s: ingested in %.1f s; swapping: %d risky (%d unique in their intermediate zone), %d selected, "
                                + "%d pairs, %.2f%% of records changed data zone%n",
                        label,
                        (System.nanoTime() - t) / 1e9,
                        p.riskyRecords(),
                        p.rareRecords(),
                        p.selectedForSwap(),
                        p.swapPairs(),
                        100 * p.swapRate());
                // Quotas high enough not to stop the attacks: what is measured is the disclosure rules.
                Tabulator tab =
                        new Tabulator(store, geography, settings, 0, Tabulator.DEFAULT_MEMORY_RECORDS, UNLIMITED);
                tab.preload("persons");
                Map<Long, String> zoneNow = zoneNow(dir.resolve("microdata.duckdb"));
                b.singleZone(tab, persons, zoneNow);
                b.averaging(tab, persons, zoneNow);
                b.chains(tab, persons);
                b.magnitudes(tab, businesses);
                b.derivation(tab);
                b.utility(tab, dir.resolve("microdata.duckdb"));
            }
        }
    }

    // ---- attacks ----

    private static TabulationRequest healthAmong(String ethnic, Geography g) {
        return new TabulationRequest("persons", List.of("health"), g, Map.of("ethnic", List.of(ethnic)), "count", null);
    }

    /** The health categories whose published counts differ; empty when either area was withheld (sparsity). */
    private static List<String> differing(TabulationResult a, String areaA, TabulationResult b, String areaB) {
        if (!a.blocked().isEmpty() || !b.blocked().isEmpty()) {
            return List.of();
        }
        return HEALTH.stream()
                .filter(h -> !a.cell(areaA, h)
                        .orElseThrow()
                        .count()
                        .equals(b.cell(areaB, h).orElseThrow().count()))
                .toList();
    }

    private void singleZone(Tabulator t, List<Person> targets, Map<Long, String> zoneNow) {
        Outcome o = differencing(t, targets, zoneNow, p -> {
            String council = geography.parent(p.zone(), AreaLevel.COUNCIL).orElseThrow();
            List<String> without = new ArrayList<>(councilZones.get(council));
            without.remove(p.zone());
            return without;
        });
        System.out.printf(
                Locale.ROOT,
                "single-zone differencing: %d targets, %d refused, %d concluded, %d correct (%.1f%% of targets)%n",
                targets.size(),
                o.refused(),
                o.concluded(),
                o.correct(),
                100.0 * o.correct() / targets.size());
        izDifferencing(t, targets, zoneNow);
    }

    /** The attacker's next best: the council without the target's whole intermediate zone. */
    private void izDifferencing(Tabulator t, List<Person> targets, Map<Long, String> zoneNow) {
        Outcome o = differencing(t, targets, zoneNow, p -> {
            String council = geography.parent(p.zone(), AreaLevel.COUNCIL).orElseThrow();
            String iz = geography.parent(p.zone(), AreaLevel.INTERMEDIATE_ZONE).orElseThrow();
            List<String> without = new ArrayList<>(councilZones.get(council));
            without.removeAll(izZones.get(iz));
            return without;
        });
        System.out.printf(
                Locale.ROOT,
                "  fallback, council without the target's intermediate zone: %d refused, %d concluded, %d correct (%.1f%% of targets)%n",
                o.refused(),
                o.concluded(),
                o.correct(),
                100.0 * o.correct() / targets.size());
    }

    private record Outcome(int refused, int concluded, int correct) {}

    /** For each target: the target's council, and the council's zones {@code without} some, differenced. */
    private Outcome differencing(
            Tabulator t, List<Person> targets, Map<Long, String> zoneNow, Function<Person, List<String>> without) {
        int refused = 0;
        int concluded = 0;
        int correct = 0;
        for (Person p : targets) {
            String council = geography.parent(p.zone(), AreaLevel.COUNCIL).orElseThrow();
            try {
                TabulationResult a = t.tabulate(
                        healthAmong(p.ethnic(), Geography.areas(List.of(council))), Client.withApiKey("attacker"));
                TabulationResult b = t.tabulate(
                        healthAmong(p.ethnic(), Geography.custom("x", without.apply(p))),
                        Client.withApiKey("attacker"));
                List<String> d = differing(a, council, b, "custom");
                if (d.size() == 1) {
                    concluded++;
                    correct +=
                            d.get(0).equals(p.health()) && zoneNow.get(p.rid()).equals(p.zone()) ? 1 : 0;
                }
            } catch (TabulationRefusedException e) {
                refused++;
            }
        }
        return new Outcome(refused, concluded, correct);
    }

    private void averaging(Tabulator t, List<Person> all, Map<Long, String> zoneNow) {
        List<Person> targets = all.subList(0, Math.min(60, all.size()));
        SplittableRandom rnd = new SplittableRandom(16);
        int recovered = 0;
        int pairsReleased = 0;
        for (Person p : targets) {
            String council = geography.parent(p.zone(), AreaLevel.COUNCIL).orElseThrow();
            double[] sum = new double[HEALTH.size()];
            int pairs = 0;
            for (int i = 0; i < 16; i++) {
                List<String> base = new ArrayList<>();
                for (String z : councilZones.get(council)) {
                    if (!z.equals(p.zone()) && rnd.nextBoolean()) {
                        base.add(z);
                    }
                }
                List<String> with = new ArrayList<>(base);
                with.add(p.zone());
                try {
                    TabulationResult a = t.tabulate(
                            healthAmong(p.ethnic(), Geography.custom("a", base)), Client.withApiKey("attacker"));
                    TabulationResult b = t.tabulate(
                            healthAmong(p.ethnic(), Geography.custom("b", with)), Client.withApiKey("attacker"));
                    if (!a.blocked().isEmpty() || !b.blocked().isEmpty()) {
                        continue; // withheld by the sparsity rule: nothing to average
                    }
                    for (int h = 0; h < HEALTH.size(); h++) {
                        sum[h] += b.cell("custom", HEALTH.get(h)).orElseThrow().count()
                                - a.cell("custom", HEALTH.get(h)).orElseThrow().count();
                    }
                    pairs++;
                } catch (TabulationRefusedException e) {
                    // refused: no measurement
                }
            }
            pairsReleased += pairs;
            boolean exact = pairs > 0;
            for (int h = 0; h < HEALTH.size() && exact; h++) {
                exact = Math.round(sum[h] / pairs) == (HEALTH.get(h).equals(p.health()) ? 1 : 0);
            }
            recovered += exact && zoneNow.get(p.rid()).equals(p.zone()) ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "averaging over 16 base-area pairs: %d targets, %d of %d pairs released, exact row recovered for %d (%.1f%%)%n",
                targets.size(),
                pairsReleased,
                16 * targets.size(),
                recovered,
                100.0 * recovered / targets.size());
    }

    private void chains(Tabulator t, List<Person> all) {
        List<Person> targets = all.subList(Math.min(60, all.size()), Math.min(160, all.size()));
        int complete = 0;
        int exact = 0;
        for (Person p : targets) {
            String council = geography.parent(p.zone(), AreaLevel.COUNCIL).orElseThrow();
            List<String> rest = new ArrayList<>(councilZones.get(council));
            rest.remove(p.zone());
            List<String> pz = new ArrayList<>(rest.subList(0, rest.size() / 2));
            List<String> qz = new ArrayList<>(rest.subList(rest.size() / 2, rest.size()));
            pz.add(p.zone());
            qz.add(p.zone());
            try {
                TabulationResult a =
                        t.tabulate(healthAmong(p.ethnic(), Geography.custom("p", pz)), Client.withApiKey("attacker"));
                TabulationResult b =
                        t.tabulate(healthAmong(p.ethnic(), Geography.custom("q", qz)), Client.withApiKey("attacker"));
                TabulationResult c = t.tabulate(
                        healthAmong(p.ethnic(), Geography.areas(List.of(council))), Client.withApiKey("attacker"));
                if (!a.blocked().isEmpty()
                        || !b.blocked().isEmpty()
                        || !c.blocked().isEmpty()) {
                    continue;
                }
                complete++;
                boolean all1 = true;
                for (String h : HEALTH) {
                    long v = a.cell("custom", h).orElseThrow().count()
                            + b.cell("custom", h).orElseThrow().count()
                            - c.cell(council, h).orElseThrow().count();
                    all1 &= v == (h.equals(p.health()) ? 1 : 0);
                }
                exact += all1 ? 1 : 0;
            } catch (TabulationRefusedException e) {
                // refused
            }
        }
        System.out.printf(
                Locale.ROOT,
                "chains ((P+Dx) + (Q+Dx) - council): %d targets, %d chains fully released, exact row for %d (%.1f%%)%n",
                targets.size(),
                complete,
                exact,
                100.0 * exact / targets.size());
    }

    private void magnitudes(Tabulator t, List<Business> all) {
        SplittableRandom rnd = new SplittableRandom(4);
        List<Business> targets = new ArrayList<>(all);
        java.util.Collections.shuffle(targets, new java.util.Random(rnd.nextLong()));
        targets = targets.subList(0, Math.min(1000, targets.size()));
        int refused = 0;
        int published = 0;
        int exact = 0;
        int within10 = 0;
        for (Business bz : targets) {
            String council = geography.parent(bz.zone(), AreaLevel.COUNCIL).orElseThrow();
            List<String> without = new ArrayList<>(councilZones.get(council));
            without.remove(bz.zone());
            try {
                Double a = t.tabulate(sum(Geography.areas(List.of(council))), Client.withApiKey("attacker"))
                        .cell(council, bz.industry())
                        .orElseThrow()
                        .value();
                Double b = t.tabulate(sum(Geography.custom("x", without)), Client.withApiKey("attacker"))
                        .cell("custom", bz.industry())
                        .orElseThrow()
                        .value();
                if (a != null && b != null) {
                    published++;
                    double d = a - b;
                    if (Math.abs(d - bz.employees()) < 1e-6) {
                        exact++;
                    } else if (Math.abs(d - bz.employees()) <= 0.1 * Math.max(bz.employees(), 1e-9)) {
                        within10++;
                    }
                }
            } catch (TabulationRefusedException e) {
                refused++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "magnitude differencing of a lone business: %d businesses, %d refused, %d pairs published, %d exact, %d more within 10%% (%.1f%% of businesses)%n",
                targets.size(),
                refused,
                published,
                exact,
                within10,
                100.0 * (exact + within10) / targets.size());
    }

    private static TabulationRequest sum(Geography g) {
        return new TabulationRequest("businesses", List.of("industry"), g, null, "sum", "employees");
    }

    private void derivation(Tabulator t) {
        int tables = 0;
        int withheld = 0;
        int derived = 0;
        for (String level : List.of("intermediate-zone", "ward", "scottish-parliament-constituency")) {
            TabulationResult r = t.tabulate(
                    new TabulationRequest(
                            "businesses",
                            List.of("industry", "size"),
                            Geography.level(level),
                            null,
                            "sum",
                            "employees"),
                    Client.withApiKey("attacker"));
            tables += r.areas().size();
            withheld += (int) r.cells().stream().filter(c -> c.value() == null).count();
            derived += derivable(r);
        }
        TabulationResult issue = t.tabulate(
                new TabulationRequest(
                        "businesses",
                        List.of("industry", "size"),
                        Geography.areas(List.of("S02001630", "S13002935", "S16000105")),
                        null,
                        "sum",
                        "employees"),
                Client.withApiKey("attacker"));
        System.out.printf(
                Locale.ROOT,
                "derivation from lines and totals: %d area tables (industry x size, employees), %d values withheld, %d derivable; "
                        + "the issue's three areas: %d withheld, %d derivable%n",
                tables,
                withheld,
                derived,
                issue.cells().stream().filter(c -> c.value() == null).count(),
                derivable(issue));
    }

    /** Withheld cells an attacker solving lines with one unknown (repeatedly) derives. */
    static int derivable(TabulationResult r) {
        Map<String, Boolean> known = new HashMap<>();
        for (Cell c : r.cells()) {
            known.put(c.area() + "|" + c.categories(), c.value() != null);
        }
        int derived = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Cell c : r.cells()) {
                for (int i = 0; i < c.categories().size(); i++) {
                    if (!c.categories().get(i).equals(Cell.TOTAL)) {
                        continue;
                    }
                    String unknown = null;
                    int unknowns = 0;
                    for (TabulationResult.CategoryInfo cat :
                            r.variables().get(i).categories()) {
                        List<String> cats = new ArrayList<>(c.categories());
                        cats.set(i, cat.code());
                        String k = c.area() + "|" + cats;
                        if (!known.get(k)) {
                            unknowns++;
                            unknown = k;
                        }
                    }
                    if (unknowns == 1) {
                        known.put(unknown, true);
                        derived++;
                        progress = true;
                    }
                }
            }
        }
        return derived;
    }

    // ---- utility ----

    private void utility(Tabulator t, Path db) throws Exception {
        Map<String, long[]> truth = trueCounts(db, "g_S12", List.of("v_sex", "v_age", "v_health"));
        TabulationResult council = t.tabulate(
                TabulationRequest.counts("persons", List.of("sex", "age", "health"), Geography.level("council")));
        report("standard areas (council x sex x age x health, interior and totals)", council, truth, "S12");
        SplittableRandom rnd = new SplittableRandom(21);
        int admitted = 0;
        int refusedIz = 0;
        int refusedDz = 0;
        long admitNanos = 0;
        long changed = 0;
        long cells = 0;
        double abs = 0;
        List<String> izs = new ArrayList<>(izZones.keySet());
        for (int i = 0; i < 200; i++) {
            int start = rnd.nextInt(izs.size() - 10);
            List<String> zones = new ArrayList<>();
            for (String iz : izs.subList(start, start + 3 + rnd.nextInt(6))) {
                zones.addAll(izZones.get(iz));
            }
            long t0 = System.nanoTime();
            TabulationResult r;
            try {
                r = t.tabulate(
                        TabulationRequest.counts(
                                "persons", List.of("age", "health"), Geography.custom("locality", zones)),
                        Client.withApiKey("analyst"));
            } catch (TabulationRefusedException e) {
                refusedIz++;
                continue;
            }
            admitNanos += System.nanoTime() - t0;
            admitted++;
            Map<String, Long> exact = trueLocality(db, zones);
            for (Cell c : r.cells()) {
                if (c.count() == null) {
                    continue;
                }
                Long n = exact.getOrDefault(String.join(",", c.categories()), 0L);
                cells++;
                changed += c.count() != n.longValue() ? 1 : 0;
                abs += Math.abs(c.count() - n);
            }
            // The same analyst drawing the locality from data zones instead: one boundary zone moved.
            List<String> moved = new ArrayList<>(zones);
            moved.remove(moved.size() - 1);
            try {
                t.tabulate(
                        TabulationRequest.counts("persons", List.of("age", "health"), Geography.custom("moved", moved)),
                        Client.withApiKey("analyst"));
            } catch (TabulationRefusedException e) {
                refusedDz++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "localities of 3-8 whole intermediate zones: %d of 200 released (%d refused); age x health: %.1f%% of %d cells changed, "
                        + "mean absolute perturbation %.2f; mean time per table (registry check, count, protection) %.1f ms; the same locality less one "
                        + "boundary data zone refused for %d of %d%n",
                admitted,
                refusedIz,
                100.0 * changed / cells,
                cells,
                abs / cells,
                admitNanos / 1e6 / admitted,
                refusedDz,
                admitted);
        magnitudeUtility(t, db);
    }

    private static void report(String label, TabulationResult r, Map<String, long[]> truth, String prefix) {
        long cells = 0;
        long changed = 0;
        double abs = 0;
        for (Cell c : r.cells()) {
            if (c.count() == null) {
                continue;
            }
            long[] n = truth.get(c.area() + "|" + String.join(",", c.categories()));
            long exact = n == null ? 0 : n[0];
            cells++;
            changed += c.count() != exact ? 1 : 0;
            abs += Math.abs(c.count() - exact);
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %.1f%% of %d cells changed, mean absolute perturbation %.2f%n",
                label,
                100.0 * changed / cells,
                cells,
                abs / cells);
    }

    private void magnitudeUtility(Tabulator t, Path db) throws Exception {
        TabulationResult r = t.tabulate(new TabulationRequest(
                "businesses", List.of("industry", "size"), Geography.level("council"), null, "sum", "employees"));
        Map<String, double[]> truth = new HashMap<>();
        List<String> councils = new ArrayList<>(councilZones.keySet());
        MicrodataDefinition def = MicrodataDefinition.load(population.resolve("businesses.yaml"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT g_S12, v_industry, v_size, sum(m_employees) FROM md_businesses GROUP BY CUBE(v_industry, v_size), g_S12")) {
            while (rs.next()) {
                String ind = rs.getObject(2) == null
                        ? Cell.TOTAL
                        : def.variable("industry").codes().get(rs.getInt(2));
                String size = rs.getObject(3) == null
                        ? Cell.TOTAL
                        : def.variable("size").codes().get(rs.getInt(3));
                truth.put(councils.get(rs.getInt(1)) + "|" + ind + "," + size, new double[] {rs.getDouble(4)});
            }
        }
        long cells = 0;
        long withheld = 0;
        long unchanged = 0;
        double rel = 0;
        long nonEmpty = 0;
        for (Cell c : r.cells()) {
            double[] x = truth.get(c.area() + "|" + String.join(",", c.categories()));
            if (x == null || x[0] == 0) {
                continue;
            }
            cells++;
            if (c.value() == null) {
                withheld++;
                continue;
            }
            nonEmpty++;
            unchanged += c.value() == x[0] ? 1 : 0;
            rel += Math.abs(c.value() - x[0]) / x[0];
        }
        System.out.printf(
                Locale.ROOT,
                "magnitudes (council x industry x size, employees): %d non-zero cells, %.1f%% withheld, %.1f%% of published unchanged, mean absolute relative perturbation %.2f%%%n",
                cells,
                100.0 * withheld / cells,
                100.0 * unchanged / nonEmpty,
                100 * rel / nonEmpty);
    }

    /** True counts with totals (category codes of sex, age and health are 1-based digits in definition order). */
    private Map<String, long[]> trueCounts(Path db, String area, List<String> vars) throws Exception {
        Map<String, long[]> out = new HashMap<>();
        List<String> councils = new ArrayList<>(councilZones.keySet());
        String cube = String.join(", ", vars);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + area + ", " + cube + ", count(*) FROM md_persons GROUP BY "
                        + area + ", CUBE(" + cube + ")")) {
            while (rs.next()) {
                List<String> cats = new ArrayList<>();
                for (int i = 0; i < vars.size(); i++) {
                    Object v = rs.getObject(2 + i);
                    cats.add(v == null ? Cell.TOTAL : String.valueOf(((Number) v).intValue() + 1));
                }
                out.put(
                        councils.get(rs.getInt(1)) + "|" + String.join(",", cats),
                        new long[] {rs.getLong(2 + vars.size())});
            }
        }
        return out;
    }

    private Map<String, Long> trueLocality(Path db, List<String> zones) throws Exception {
        List<String> dz = geography.dataZones().stream().sorted().toList();
        StringBuilder in = new StringBuilder();
        for (String z : zones) {
            in.append(in.length() == 0 ? "" : ",").append(java.util.Collections.binarySearch(dz, z));
        }
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v_age, v_health, count(*) FROM md_persons WHERE g_S01 IN (" + in
                        + ") GROUP BY CUBE(v_age, v_health)")) {
            while (rs.next()) {
                String age = rs.getObject(1) == null ? Cell.TOTAL : String.valueOf(rs.getInt(1) + 1);
                String health = rs.getObject(2) == null ? Cell.TOTAL : String.valueOf(rs.getInt(2) + 1);
                out.put(age + "," + health, rs.getLong(3));
            }
        }
        return out;
    }

    // ---- targets ----

    private static List<Person> uniquePersons(Path csv) throws Exception {
        Map<String, List<Person>> byZoneEthnic = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            long rid = 0;
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                if (!r.get("ethnic").equals("1")) {
                    byZoneEthnic
                            .computeIfAbsent(r.get("dz") + "|" + r.get("ethnic"), k -> new ArrayList<>())
                            .add(new Person(rid, r.get("dz"), r.get("ethnic"), r.get("health")));
                }
                rid++;
            }
        }
        List<Person> unique = new ArrayList<>();
        Map<String, Boolean> zoneTaken = new HashMap<>();
        for (List<Person> group : byZoneEthnic.values()) {
            if (group.size() == 1 && zoneTaken.putIfAbsent(group.get(0).zone(), true) == null) {
                unique.add(group.get(0));
            }
        }
        java.util.Collections.shuffle(unique, new java.util.Random(7));
        return unique.subList(0, Math.min(TARGETS, unique.size()));
    }

    private static List<Business> loneBusinesses(Path csv) throws Exception {
        Map<String, List<Business>> byZoneIndustry = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            long rid = 0;
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                byZoneIndustry
                        .computeIfAbsent(r.get("dz") + "|" + r.get("industry"), k -> new ArrayList<>())
                        .add(new Business(
                                rid++, r.get("dz"), r.get("industry"), Double.parseDouble(r.get("employees"))));
            }
        }
        return byZoneIndustry.values().stream()
                .filter(g -> g.size() == 1)
                .map(g -> g.get(0))
                .toList();
    }

    private static Map<Long, String> zoneNow(Path db) throws Exception {
        Map<Long, String> now = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement s = c.createStatement()) {
            List<String> codes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT code FROM geo_codes WHERE dataset = 'persons' AND level = 'S01' ORDER BY idx")) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT rid, g_S01 FROM md_persons")) {
                while (rs.next()) {
                    now.put(rs.getLong(1), codes.get(rs.getInt(2)));
                }
            }
        }
        return now;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }
}
