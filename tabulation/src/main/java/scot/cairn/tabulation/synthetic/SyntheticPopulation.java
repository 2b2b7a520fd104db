package scot.cairn.tabulation.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;

/**
 * Generates realistic test microdata from public files the user points to; nothing is copied.
 *
 * <p>Persons: for every data zone, sex and single year of age in the NRS small-area population
 * estimates file ({@code population20_dz11.csv}: {@code dz11_code,total_population,sex,0,...,90+}),
 * that many persons (times {@code fraction}, rounded at random), each given the other attributes
 * of a record drawn at random from the census teaching file
 * ({@code Scotland_teaching_file_1PCT.csv}) with the same sex and age band. The one teaching-file
 * record with social grade 9 (outside the code list) is read as X.
 *
 * <p>Businesses: about one business site per 25 residents of each data zone, with an industry,
 * heavy-tailed employment (a few large employers) and turnover per employee by industry.
 *
 * <p>Everything is seeded: the same inputs and seed give the same files.
 */
public final class SyntheticPopulation {
    private SyntheticPopulation() {}

    /** Person columns written, in order (the definition is {@code persons.yaml}). */
    public static final List<String> PERSON_COLUMNS = List.of(
            "dz",
            "sex",
            "age",
            "marital",
            "student",
            "birth",
            "health",
            "ethnic",
            "religion",
            "activity",
            "occupation",
            "hours",
            "grade");

    private static final List<String> TEACHING_COLUMNS = List.of(
            "Marital_Status",
            "student",
            "Country_Of_Birth",
            "health",
            "Ethnic_Group",
            "religion",
            "Economic_Activity",
            "Occupation",
            "Hours_Worked_Per_Week",
            "Approximate_Social_Grade");

    /** The census age band (1..8) of a single year of age. */
    static int ageBand(int age) {
        if (age < 16) {
            return 1;
        }
        if (age < 25) {
            return 2;
        }
        return Math.min(8, 3 + (age - 25) / 10);
    }

    /**
     * Writes the person file.
     *
     * @param population   the small-area population estimates by sex and single year of age
     * @param teachingFile the census microdata teaching file
     * @param out          the CSV to write
     * @param zones        only these data zones (null: all)
     * @param fraction     share of the population to generate (1 for the full population)
     * @param seed         random seed
     * @return the number of persons written
     */
    public static long writePersons(
            Path population, Path teachingFile, Path out, Set<String> zones, double fraction, long seed)
            throws IOException {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0,1], got " + fraction);
        }
        List<List<List<String[]>>> donors = readDonors(teachingFile);
        SplittableRandom rnd = new SplittableRandom(seed);
        long written = 0;
        try (Reader in = Files.newBufferedReader(population, StandardCharsets.UTF_8);
                BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                CsvWriter p = CsvWriter.lf(w, Formulas.KEEP)) {
            p.row(PERSON_COLUMNS);
            for (CSVRecord r : withHeader(in)) {
                String dz = r.get("dz11_code");
                String sexLabel = r.get("sex");
                if ((zones != null && !zones.contains(dz)) || sexLabel.equals("All")) {
                    continue;
                }
                written += writeZoneSex(r, dz, sexLabel.equals("Male") ? 1 : 2, donors, fraction, rnd, p);
            }
        }
        return written;
    }

    /** The teaching file's attribute rows by sex and age band: {@code donors[sex - 1][band - 1]}. */
    private static List<List<List<String[]>>> readDonors(Path teachingFile) throws IOException {
        List<List<List<String[]>>> donors = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            List<List<String[]>> bands = new ArrayList<>();
            for (int b = 0; b < 8; b++) {
                bands.add(new ArrayList<>());
            }
            donors.add(bands);
        }
        try (Reader in = Files.newBufferedReader(teachingFile, StandardCharsets.UTF_8)) {
            for (CSVRecord r : withHeader(in)) {
                int sex = Integer.parseInt(r.get("sex"));
                int band = Integer.parseInt(r.get("age"));
                String[] attrs = new String[TEACHING_COLUMNS.size()];
                for (int i = 0; i < attrs.length; i++) {
                    attrs[i] = r.get(TEACHING_COLUMNS.get(i));
                }
                if (attrs[attrs.length - 1].equals("9")) {
                    attrs[attrs.length - 1] = "X";
                }
                donors.get(sex - 1).get(band - 1).add(attrs);
            }
        }
        return donors;
    }

    private static Iterable<CSVRecord> withHeader(Reader in) throws IOException {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(in);
    }

    /**
     * Writes the persons of one population row (a data zone and sex, counts by single year of
     * age): each age's count scaled by {@code fraction} and rounded at random, each person a
     * random donor of the same sex and age band. Returns how many were written.
     */
    private static long writeZoneSex(
            CSVRecord r,
            String dz,
            int sex,
            List<List<List<String[]>>> donors,
            double fraction,
            SplittableRandom rnd,
            CsvWriter p)
            throws IOException {
        long written = 0;
        for (int age = 0; age <= 90; age++) {
            int count = Integer.parseInt(r.get(age == 90 ? "90+" : String.valueOf(age)));
            double expected = count * fraction;
            int n = (int) Math.floor(expected) + (rnd.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
            int band = ageBand(age);
            List<String[]> pool = donors.get(sex - 1).get(band - 1);
            for (int i = 0; i < n; i++) {
                String[] d = pool.get(rnd.nextInt(pool.size()));
                Object[] row = new Object[3 + d.length];
                row[0] = dz;
                row[1] = sex;
                row[2] = band;
                System.arraycopy(d, 0, row, 3, d.length);
                p.row(row);
                written++;
            }
        }
        return written;
    }

    private record Industry(String code, double weight, double turnoverPerEmployee) {}

    // Shares of business sites and turnover per employee (thousand pounds), in the rough
    // proportions of Scotland's business register; only the shape matters for testing.
    private static final List<Industry> INDUSTRIES = List.of(
            new Industry("A", 0.10, 90),
            new Industry("BDE", 0.02, 400),
            new Industry("C", 0.05, 180),
            new Industry("F", 0.12, 130),
            new Industry("G", 0.15, 200),
            new Industry("H", 0.04, 120),
            new Industry("I", 0.08, 45),
            new Industry("J", 0.05, 150),
            new Industry("KL", 0.05, 250),
            new Industry("MN", 0.17, 110),
            new Industry("PQ", 0.07, 50),
            new Industry("RS", 0.10, 60));

    /**
     * Writes a synthetic business register: columns {@code dz, industry, size, employees, turnover}.
     *
     * @return the number of businesses written
     */
    public static long writeBusinesses(Path population, Path out, Set<String> zones, long seed) throws IOException {
        Map<String, Integer> residents = new HashMap<>();
        try (Reader in = Files.newBufferedReader(population, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                if (r.get("sex").equals("All") && (zones == null || zones.contains(r.get("dz11_code")))) {
                    residents.put(r.get("dz11_code"), Integer.parseInt(r.get("total_population")));
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                CsvWriter p = CsvWriter.lf(w, Formulas.KEEP)) {
            p.row("dz", "industry", "size", "employees", "turnover");
            for (Map.Entry<String, Integer> e : residents.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .toList()) {
                double mean = e.getValue() / 25.0;
                int n = (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rnd)));
                for (int i = 0; i < n; i++) {
                    Industry ind = pick(rnd);
                    // Pareto-tailed employment: most sites tiny, a few large employers.
                    int employees = (int) Math.min(5000, Math.floor(Math.pow(1 - rnd.nextDouble(), -1 / 1.1) - 1));
                    double turnover = Math.max(
                            1,
                            Math.round(Math.max(employees, 0.5)
                                    * ind.turnoverPerEmployee()
                                    * Math.exp(0.5 * gaussian(rnd))));
                    p.row(e.getKey(), ind.code(), sizeBand(employees), employees, (long) turnover);
                    written++;
                }
            }
        }
        return written;
    }

    static int sizeBand(int employees) {
        if (employees < 5) {
            return 1;
        }
        if (employees < 10) {
            return 2;
        }
        if (employees < 50) {
            return 3;
        }
        return employees < 250 ? 4 : 5;
    }

    private static Industry pick(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        for (Industry i : INDUSTRIES) {
            u -= i.weight();
            if (u < 0) {
                return i;
            }
        }
        return INDUSTRIES.get(INDUSTRIES.size() - 1);
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Copies the microdata definitions of the generated files ({@code persons.yaml}, {@code businesses.yaml}) into a folder. */
    public static void writeDefinitions(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : List.of("persons.yaml", "businesses.yaml")) {
            try (InputStream in = SyntheticPopulation.class.getResourceAsStream(name)) {
                Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
