package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.vocab.AreaLevel;

class MicrodataStoreTest {
    @TempDir
    Path dir;

    static final String ABERDEEN = "S12000033";
    /** The first keys under an all-zero secret, pinned with DuckDB 1.5.4. */
    static final Long[] PINNED = {1173029395L, 3495575728L, 1854506837L};

    private static List<Long> keys(MicrodataStore store) throws Exception {
        List<Long> keys = new ArrayList<>();
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rkey FROM md_persons ORDER BY rid")) {
            while (rs.next()) {
                keys.add(rs.getLong(1));
            }
        }
        return keys;
    }

    @Test
    void recordKeysAreStoredAndComeFromTheInstallationsSecret() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        List<String> zones =
                TestGeography.zonesOf(h, AreaLevel.COUNCIL, ABERDEEN).subList(0, 20);
        Path csv = TestPopulation.write(dir.resolve("p.csv"), zones, 50, 1);
        List<Long> first;
        try (MicrodataStore store = MicrodataStore.open(dir.resolve("a.duckdb"))) {
            IngestReport report = store.ingest(TestPopulation.definition(), csv, h);
            assertThat(report.records()).isEqualTo(1000);
            first = keys(store);
        }
        // Reopening the file finds the same keys (stored, not regenerated).
        try (MicrodataStore store = MicrodataStore.open(dir.resolve("a.duckdb"))) {
            assertThat(store.dataset("persons")).isPresent();
            assertThat(keys(store)).isEqualTo(first);
        }
        // The secret was created at the first ingest, beside the database, readable by its owner only.
        Path secret = dir.resolve(RecordKeySecret.FILE_NAME);
        assertThat(secret).exists();
        assertThat(java.nio.file.Files.getPosixFilePermissions(secret))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(java.nio.file.Files.readString(secret)).doesNotContain("persons");
        // Another installation (another secret) gives the same file other keys: nobody outside can recompute them.
        try (MicrodataStore other = MicrodataStore.inMemory()) {
            other.ingest(TestPopulation.definition(), csv, h);
            assertThat(keys(other)).hasSize(first.size()).isNotEqualTo(first);
        }
        // The same secret gives the same keys.
        byte[] bytes = java.util.HexFormat.of()
                .parseHex(java.nio.file.Files.readString(secret).strip());
        try (MicrodataStore same = MicrodataStore.inMemory(RecordKeySecret.of(bytes))) {
            same.ingest(TestPopulation.definition(), csv, h);
            assertThat(keys(same)).isEqualTo(first);
        }
        assertThat(first).doesNotHaveDuplicates().allMatch(k -> k >= 0 && k < (1L << 32));
    }

    @Test
    void aDefinitionThatStillNamesARecordKeySeedIsRefused() {
        assertThatThrownBy(
                        () -> MicrodataDefinition.parse(TestPopulation.DEFINITION + "recordKeySeed: 11\n", "old.yaml"))
                .isInstanceOf(InvalidMicrodataException.class)
                .hasMessageContaining("old.yaml")
                .hasMessageContaining("no-record-key-seed")
                .hasMessageContaining(RecordKeySecret.FILE_NAME);
    }

    @Test
    void aRecordKeyIsDerivedFromTheSeedAndTheRecordsPositionSoAppendingRecordsKeepsTheOthersKeys() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        List<String> zones =
                TestGeography.zonesOf(h, AreaLevel.COUNCIL, ABERDEEN).subList(0, 10);
        Path first = TestPopulation.write(dir.resolve("first.csv"), zones, 30, 3);
        Path more = TestPopulation.write(dir.resolve("more.csv"), zones, 5, 4);
        Path appended = dir.resolve("appended.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(first));
        lines.addAll(Files.readAllLines(more).subList(1, 51)); // the same layout, without its header
        Files.write(appended, lines);
        try (MicrodataStore store = MicrodataStore.inMemory(RecordKeySecret.of(new byte[32]))) {
            store.ingest(TestPopulation.definition(), first, h);
            List<Long> before = keys(store);
            store.ingest(TestPopulation.definition(), appended, h);
            List<Long> after = keys(store);
            assertThat(before).hasSize(300);
            assertThat(after).hasSize(350);
            assertThat(after.subList(0, 300)).isEqualTo(before);
            // Pinned with DuckDB 1.5.4: an upgrade whose hash() differs fails here, because re-ingesting
            // the same file would then give every record a new key and move published values.
            assertThat(before.subList(0, 3)).containsExactly(PINNED);
            // The key of the record on file line p + 2 (p from 0): the low 32 bits of DuckDB's
            // hash(p, seed), the seed derived from the secret and the dataset's name.
            long seed = store.recordKeySeed("persons");
            try (Connection c = store.connection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT rid, (hash(rid, " + seed
                            + "::BIGINT) & 4294967295) = rkey FROM md_persons ORDER BY rid")) {
                int n = 0;
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(n++);
                    assertThat(rs.getBoolean(2)).isTrue();
                }
                assertThat(n).isEqualTo(350);
            }
            // Two records that exchange lines exchange keys: the key follows the position, not the content.
            List<String> reordered = new ArrayList<>(lines);
            java.util.Collections.swap(reordered, 1, 2);
            Path swapped = dir.resolve("reordered.csv");
            Files.write(swapped, reordered);
            store.ingest(TestPopulation.definition(), swapped, h);
            assertThat(keys(store)).isEqualTo(after);
        }
    }

    @Test
    void badCategoryIsReportedWithFileLineColumnAndRuleAndNothingChanges() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        List<String> zones =
                TestGeography.zonesOf(h, AreaLevel.COUNCIL, ABERDEEN).subList(0, 5);
        Path good = TestPopulation.write(dir.resolve("good.csv"), zones, 10, 2);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(
                bad,
                "dz,sex,age,health,ethnic\n" + zones.get(0) + ",1,2,3,1\n" + zones.get(0) + ",1,2,3,1\n" + zones.get(1)
                        + ",3,2,3,1\n" + "S01999999,1,2,3,1\n");
        try (MicrodataStore store = MicrodataStore.inMemory()) {
            store.ingest(TestPopulation.definition(), good, h);
            List<Long> before = keys(store);
            assertThatThrownBy(() -> store.ingest(TestPopulation.definition(), bad, h))
                    .isInstanceOf(InvalidMicrodataException.class)
                    .satisfies(e -> assertThat(((InvalidMicrodataException) e).problems())
                            .extracting(Object::toString)
                            .containsExactlyInAnyOrder(
                                    bad + ":5:1: known-data-zone: 'S01999999' is not a 2011 data zone of the geography",
                                    bad + ":4:2: known-category: '3' is not a category of sex [1, 2]"));
            assertThat(keys(store)).isEqualTo(before);
        }
    }

    @Test
    void aDatasetWhoseStoredDefinitionNoLongerValidatesDoesNotStopTheStoreOpening() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        Path csv = TestPopulation.write(
                dir.resolve("p.csv"),
                TestGeography.zonesOf(h, AreaLevel.COUNCIL, ABERDEEN).subList(0, 3),
                10,
                4);
        Path file = dir.resolve("old.duckdb");
        try (MicrodataStore store = MicrodataStore.open(file)) {
            store.ingest(TestPopulation.definition(), csv, h);
            try (Connection c = store.connection();
                    Statement s = c.createStatement()) {
                // A definition whose label is now blank, as one stored under older rules could be.
                s.execute(
                        "INSERT INTO datasets SELECT 'legacy', replace(replace(definition, '\"persons\"', '\"legacy\"'), "
                                + "'\"Male\"', '\"\"'), records, ingested, report FROM datasets WHERE name = 'persons'");
            }
        }
        try (MicrodataStore store = MicrodataStore.open(file)) {
            assertThat(store.datasets()).extracting(d -> d.definition().name()).containsExactly("persons");
        }
    }

    @Test
    void aStoreWrittenBeforeSecretKeysKeepsItsDatasetsAndTheirKeys() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        Path csv = TestPopulation.write(
                dir.resolve("p.csv"),
                TestGeography.zonesOf(h, AreaLevel.COUNCIL, ABERDEEN).subList(0, 3),
                10,
                4);
        Path file = dir.resolve("before.duckdb");
        List<Long> keys;
        try (MicrodataStore store = MicrodataStore.open(file)) {
            store.ingest(TestPopulation.definition(), csv, h);
            keys = keys(store);
            try (Connection c = store.connection();
                    Statement s = c.createStatement()) {
                // As an earlier version wrote them: a recordKeySeed in the stored definition, no rareRecords in the
                // report.
                s.execute(
                        "CREATE TEMP TABLE older AS SELECT name, replace(definition, '\"geography\"', '\"recordKeySeed\":11,\"geography\"'), "
                                + "records, ingested, replace(report, '\"rareRecords\":0,', '') FROM datasets");
                s.execute("DELETE FROM datasets");
                s.execute("INSERT INTO datasets SELECT * FROM older");
            }
        }
        java.nio.file.Files.delete(dir.resolve(RecordKeySecret.FILE_NAME));
        try (MicrodataStore store = MicrodataStore.open(file)) {
            assertThat(store.dataset("persons")).isPresent();
            assertThat(store.dataset("persons").orElseThrow().report().rareRecords())
                    .isZero();
            // The stored keys stay (they are not recomputed) until the dataset is ingested again.
            assertThat(keys(store)).isEqualTo(keys);
            Tabulator t = new Tabulator(store, h, DisclosureSettings.defaults());
            assertThat(t.tabulate(TabulationRequest.counts(
                                    "persons", List.of("sex"), TabulationRequest.Geography.level("council")))
                            .cells())
                    .isNotEmpty();
        }
    }

    @Test
    void missingColumnIsReportedOnTheHeaderLine() throws Exception {
        Path bad = dir.resolve("nocol.csv");
        Files.writeString(bad, "dz,sex,age,health\nS01006506,1,2,3\n");
        try (MicrodataStore store = MicrodataStore.inMemory()) {
            assertThatThrownBy(() -> store.ingest(TestPopulation.definition(), bad, TestGeography.scotland()))
                    .isInstanceOf(InvalidMicrodataException.class)
                    .hasMessageContaining(bad + ":1:0: required-column: column 'ethnic'");
        }
    }

    @Test
    void definitionErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> MicrodataDefinition.parse(
                        "name: persons\ngeography: dz\nvariables:\n  - name: sex\n    categories: {\"1\": Male}\n    colour: red\n",
                        "d.yaml"))
                .isInstanceOf(InvalidMicrodataException.class)
                .hasMessageStartingWith("d.yaml:")
                .hasMessageContaining("Unrecognized field \"colour\"")
                .hasMessageEndingWith("at variables.[0].colour");
        // An unquoted comma in a flow map splits a label into a key without a value.
        assertThatThrownBy(() -> MicrodataDefinition.parse(
                        "name: b\ngeography: dz\nvariables:\n  - name: industry\n"
                                + "    categories: {\"A\": Agriculture, forestry and fishing}\n",
                        "f.yaml"))
                .isInstanceOf(InvalidMicrodataException.class)
                .hasMessageContaining(
                        "category 'forestry and fishing' has no label (in a YAML {...} map, quote labels that contain commas)");
        assertThatThrownBy(() -> MicrodataDefinition.parse("name: Persons!\ngeography: dz\nvariables: []\n", "e.yaml"))
                .isInstanceOf(InvalidMicrodataException.class)
                .hasMessageContaining("name must be lower case");
    }

    @Test
    void targetedSwappingMovesRiskyRecordsWithinTheCouncilAndIsRepeatable() throws Exception {
        AreaHierarchy h = TestGeography.scotland();
        List<String> zones = TestGeography.zonesOf(h, AreaLevel.COUNCIL, ABERDEEN);
        Path csv = TestPopulation.write(dir.resolve("p.csv"), zones, 40, 3);
        String def = TestPopulation.DEFINITION + """
                swapping:
                  keyVariables: [sex, age, ethnic]
                  matchVariables: [sex, age]
                  rate: 0.5
                  seed: 99
                """;
        MicrodataDefinition d = MicrodataDefinition.parse(def, "swap.yaml");
        // Repeatable for one installation: the same secret (and file, definition) gives the same swaps.
        RecordKeySecret secret = RecordKeySecret.of(new byte[32]);
        try (MicrodataStore a = MicrodataStore.inMemory(secret);
                MicrodataStore b = MicrodataStore.inMemory(secret);
                MicrodataStore plain = MicrodataStore.inMemory()) {
            IngestReport ra = a.ingest(d, csv, h);
            IngestReport rb = b.ingest(d, csv, h);
            plain.ingest(TestPopulation.definition(), csv, h);
            assertThat(ra.riskyRecords()).isGreaterThan(0);
            assertThat(ra.swapPairs()).isGreaterThan(0);
            assertThat(ra.swappedRecords()).isEqualTo(2 * ra.swapPairs());
            assertThat(ra.swapRate()).isEqualTo((double) ra.swappedRecords() / ra.records());
            // The rarest (unique in their intermediate zone too) are all selected, about half of the
            // others; most found a partner in another intermediate zone.
            assertThat(ra.rareRecords()).isGreaterThan(0).isLessThan(ra.riskyRecords());
            double othersSelected =
                    (double) (ra.selectedForSwap() - ra.rareRecords()) / (ra.riskyRecords() - ra.rareRecords());
            assertThat(othersSelected).isBetween(0.4, 0.6);
            assertThat(ra.swapPairs()).isGreaterThan(ra.selectedForSwap() * 7 / 10);
            assertThat(rb).usingRecursiveComparison().ignoringFields("seconds").isEqualTo(ra);
            String geo = "SELECT rid, g_S01 FROM md_persons ORDER BY rid";
            assertThat(rows(a, geo)).isEqualTo(rows(b, geo));
            assertThat(rows(a, "SELECT count(*) FROM md_persons")).containsExactly(String.valueOf(zones.size() * 40));
            // Records that changed data zone are exactly the swapped ones, and each moved into a
            // data zone that held a record of the same sex and age (its partner).
            List<String> swapped = rows(a, "SELECT rid, g_S01, v_sex, v_age FROM md_persons ORDER BY rid");
            List<String> original = rows(plain, "SELECT rid, g_S01, v_sex, v_age FROM md_persons ORDER BY rid");
            java.util.Set<String> zoneSexAge = new java.util.HashSet<>();
            for (String r : original) {
                String[] f = r.split(",");
                zoneSexAge.add(f[1] + "," + f[2] + "," + f[3]);
            }
            List<String> izBefore = rows(plain, "SELECT g_S02 FROM md_persons ORDER BY rid");
            List<String> izAfter = rows(a, "SELECT g_S02 FROM md_persons ORDER BY rid");
            long changed = 0;
            for (int i = 0; i < swapped.size(); i++) {
                if (!swapped.get(i).equals(original.get(i))) {
                    changed++;
                    String[] f = swapped.get(i).split(",");
                    assertThat(zoneSexAge).contains(f[1] + "," + f[2] + "," + f[3]);
                    // Moved to another intermediate zone, so differencing intermediate zones points to the wrong one.
                    assertThat(izAfter.get(i)).isNotEqualTo(izBefore.get(i));
                }
            }
            assertThat(changed).isEqualTo(ra.swappedRecords());
            // Councils and the distribution of the variables within each council are unchanged.
            String dist =
                    "SELECT g_S12, v_sex, v_age, v_health, v_ethnic, count(*) FROM md_persons GROUP BY ALL ORDER BY ALL";
            assertThat(rows(a, dist)).isEqualTo(rows(plain, dist));
        }
    }

    private static List<String> rows(MicrodataStore store, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(rs.getString(i)).append(i < n ? "," : "");
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
