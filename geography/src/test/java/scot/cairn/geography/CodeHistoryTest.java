package scot.cairn.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.AreaLevel;

/** Code histories: reading the CSV, checking it against a lookup, and the archived areas they add. */
class CodeHistoryTest {

    /** A lookup in the 2019 codes: a Glasgow data zone and an Aberdeen one, with their councils and boards. */
    static final String LOOKUP = """
            DZ2011_Code,DZ2011_Name,IZ2011_Code,IZ2011_Name,LA_Code,LA_Name,HB_Code,HB_Name,HIA_Code,HIA_Name,Country_Code,Country_Name
            S01009758,Carmunnock - 01,S02001830,Carmunnock,S12000049,Glasgow City,S08000031,Greater Glasgow and Clyde,S37000034,Glasgow City,S92000003,Scotland
            S01006506,Culter - 01,S02001236,Culter,S12000033,Aberdeen City,S08000020,Grampian,S37000001,Aberdeen City,S92000003,Scotland
            """;

    static final String HEADER = "old_code,new_code,date,level,boundary_changed,old_name\n";

    @TempDir
    Path dir;

    Geography lookup() throws IOException {
        return LookupFile.read(write("lookup.csv", LOOKUP), null, 100).geography();
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    CodeHistory history(String rows) throws IOException {
        return CodeHistory.read(write("history.csv", HEADER + rows), 100);
    }

    @Test
    void builtInHistoryAddsTheArchivedGlasgowCodesWithinTheAreasInForceBeforeTheChange() throws IOException {
        CodeHistory.Applied applied = CodeHistory.scotland().applyTo(lookup());
        Geography g = applied.geography();

        // Only the three Glasgow rows fit this lookup (it has S12000049, S08000031 and S37000034).
        assertThat(applied.applied())
                .extracting(CodeChange::oldCode)
                .containsExactlyInAnyOrder("S12000046", "S08000021", "S37000015");
        assertThat(applied.skipped()).isEqualTo(9);
        Geography.Area glasgow = g.area("S12000046").orElseThrow();
        assertThat(glasgow.name()).isEqualTo("Glasgow City");
        assertThat(glasgow.live()).isFalse();
        assertThat(glasgow.shownName()).isEqualTo("Glasgow City (to 2019; boundary changed)");
        assertThat(glasgow.lifecycle())
                .isEqualTo(
                        new Lifecycle(false, null, LocalDate.of(2019, 3, 31), List.of(), List.of("S12000049"), true));
        // Within the health board of its day, not the one that replaced it.
        assertThat(glasgow.within()).containsExactly("S08000021", "S92000003");
        assertThat(g.area("S37000015").orElseThrow().within()).containsExactly("S12000046", "S08000021", "S92000003");
        assertThat(g.area("S12000049").orElseThrow().lifecycle())
                .isEqualTo(Lifecycle.live(LocalDate.of(2019, 4, 1), List.of("S12000046")));
        assertThat(g.area("S12000033").orElseThrow().lifecycle()).isEqualTo(Lifecycle.CURRENT);

        // Kept apart: no data zones, no sub-areas, its own code; the live levels are unchanged.
        assertThat(g.sameArea("S12000046")).isEqualTo("S12000046");
        assertThat(g.dataZones("S12000046")).isEmpty();
        assertThat(g.within("S08000021", AreaLevel.COUNCIL)).isEmpty();
        assertThat(g.count(AreaLevel.COUNCIL)).isEqualTo(2);
        assertThat(g.archived(AreaLevel.COUNCIL))
                .extracting(Geography.Area::code)
                .containsExactly("S12000046");
        assertThat(g.archived()).hasSize(3);
        assertThat(g.size()).isEqualTo(lookup().size() + 3);
    }

    @Test
    void builtInHistoryHasTheTwelveCheckedChangesAllBoundaryChanges() {
        List<CodeChange> changes = CodeHistory.scotland().changes();
        assertThat(changes).hasSize(12).allMatch(CodeChange::boundaryChanged);
        assertThat(changes)
                .extracting(c -> c.oldCode() + ">" + c.newCode())
                .containsExactly(
                        "S12000015>S12000047",
                        "S12000024>S12000048",
                        "S37000014>S37000032",
                        "S37000023>S37000033",
                        "S08000018>S08000029",
                        "S08000027>S08000030",
                        "S12000046>S12000049",
                        "S12000044>S12000050",
                        "S37000015>S37000034",
                        "S37000021>S37000035",
                        "S08000021>S08000031",
                        "S08000023>S08000032");
        assertThat(changes)
                .filteredOn(c -> c.oldCode().startsWith("S12000015"))
                .first()
                .extracting(CodeChange::date)
                .isEqualTo(LocalDate.of(2018, 2, 2));
        assertThat(changes)
                .filteredOn(c -> c.oldCode().equals("S08000023"))
                .first()
                .extracting(CodeChange::date)
                .isEqualTo(LocalDate.of(2019, 4, 1));
    }

    @Test
    void aCodeOnlyChangeIsTheSameAreaUnderItsNewCode() throws IOException {
        Geography g = history("S12000099,S12000033,2016-04-01,council,no,\n")
                .applyTo(lookup())
                .geography();

        Geography.Area old = g.area("S12000099").orElseThrow();
        assertThat(old.name()).isEqualTo("Aberdeen City");
        assertThat(old.shownName()).isEqualTo("Aberdeen City (old code, to 2016)");
        assertThat(old.lifecycle().codeOnly()).isTrue();
        assertThat(g.sameArea("S12000099")).isEqualTo("S12000033");
        assertThat(g.dataZones("S12000099")).containsExactly("S01006506");
        assertThat(g.within("S12000099", AreaLevel.DATA_ZONE))
                .extracting(Geography.Area::code)
                .containsExactly("S01006506");
        assertThat(old.within()).containsExactly("S08000020", "S92000003");
    }

    @Test
    void aChainOfChangesDatesEachCodeAndEndsWhereTheBoundaryChanged() throws IOException {
        Geography g = history("""
                S12000098,S12000046,2007-04-01,council,no,Glasgow City
                S12000046,S12000049,2019-04-01,council,yes,Glasgow City
                """).applyTo(lookup()).geography();

        Geography.Area middle = g.area("S12000046").orElseThrow();
        assertThat(middle.lifecycle().from()).isEqualTo(LocalDate.of(2007, 4, 1));
        assertThat(middle.lifecycle().replaces()).containsExactly("S12000098");
        // The oldest code is the same area as the middle one, which is kept apart from today's.
        assertThat(g.sameArea("S12000098")).isEqualTo("S12000046");
        assertThat(g.area("S12000098").orElseThrow().within()).containsExactly("S08000031", "S92000003");
    }

    @Test
    void commentsAndAnyColumnOrderAreReadAndLevelsTakeEveryForm() throws IOException {
        CodeHistory h = CodeHistory.read(write("h.csv", """
                # a comment line
                level,boundary_changed,date,new_code,old_code
                # another
                S12,Yes,2019-04-01,S12000049,S12000046
                health-boards,TRUE,2019-04-01,S08000031,S08000021
                """), 100);
        assertThat(h.changes())
                .extracting(CodeChange::level)
                .containsExactly(AreaLevel.COUNCIL, AreaLevel.HEALTH_BOARD);
        assertThat(h.changes()).extracting(CodeChange::oldName).containsOnlyNulls();
        assertThat(h.applyTo(lookup())
                        .geography()
                        .area("S08000021")
                        .orElseThrow()
                        .name())
                .isEqualTo("Greater Glasgow and Clyde");
    }

    @Test
    void badCellsAreReportedWithLineAndColumn() throws IOException {
        Path bad = write("bad.csv", "# header next\n" + HEADER + """
                S1200004,S12000049,2019-04-01,council,yes,
                S12000046,S12000049,1 April 2019,council,yes,
                S12000046,S12000049,2019-04-01,parish,yes,
                S12000046,S12000049,2019-04-01,council,maybe,
                S08000021,S12000049,2019-04-01,council,yes,
                S12000049,S12000049,2019-04-01,council,yes,
                """);
        assertThatThrownBy(() -> CodeHistory.read(bad, 100))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(InputError::toString)
                                .containsExactly(
                                        "bad.csv:3:1: 'S1200004' in old_code is not a GSS code (expected a letter and 8 digits, e.g. S12000046)",
                                        "bad.csv:4:3: '1 April 2019' is not a date: write the first day the new code was in force as YYYY-MM-DD",
                                        "bad.csv:5:4: 'parish' is not a level: write council, hb, hscp, ward, iz, dz, spc or country, or a code prefix such as S12",
                                        "bad.csv:6:5: 'maybe' in boundary_changed: write yes (the area was redrawn) or no (only the code changed)",
                                        "bad.csv:7:1: S08000021 is not a Council Area code (S12), the level this row gives",
                                        "bad.csv:8:2: the new code is the old code S12000049: a code cannot replace itself"));
    }

    @Test
    void aFileWithoutItsColumnsOrRowsOrInUtf8IsRefused() throws IOException {
        assertThatThrownBy(() -> CodeHistory.read(write("cols.csv", "old,new\nS12000046,S12000049\n"), 100))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(InputError::rule)
                                .containsExactly(
                                        "missing-column",
                                        "missing-column",
                                        "missing-column",
                                        "missing-column",
                                        "missing-column"));
        assertThatThrownBy(() -> CodeHistory.read(write("empty.csv", "# nothing\n"), 100))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(InputError::rule).containsExactly("empty-file"));
        assertThatThrownBy(() -> CodeHistory.read(write("header.csv", HEADER), 100))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(InputError::rule).containsExactly("no-rows"));
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(
                latin1,
                (HEADER + "S12000046,S12000049,2019-04-01,council,yes,Glasgow \u00a3\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CodeHistory.read(latin1, 100))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(InputError::toString)
                                .containsExactly(
                                        "latin1.csv:2:52: the file is not UTF-8: byte 0xA3 cannot be decoded (save the file as UTF-8)"));
    }

    @Test
    void rowsThatContradictTheLookupOrEachOtherAreAllReported() throws IOException {
        CodeHistory h = history("""
                S12000033,S12000049,2019-04-01,council,yes,
                S12000046,S12000077,2019-04-01,council,yes,Glasgow City
                S12000044,S12000049,2019-04-01,council,yes,North Lanarkshire
                S12000044,S12000049,2019-04-02,council,yes,North Lanarkshire
                S12000045,S12000049,2019-04-01,council,no,East Dunbartonshire
                S08000021,S08000031,2019-04-01,hb,yes,
                S08000021,S08000020,2019-04-01,hb,yes,
                S08000099,S08000021,2019-04-01,hb,yes,Old
                """);
        assertThatThrownBy(() -> h.applyTo(lookup()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(err -> err.line() + ":" + err.column() + " " + err.rule())
                                .containsExactly(
                                        "2:1 live-code",
                                        "3:2 unknown-code",
                                        "5:2 duplicate-change",
                                        "5:3 conflicting-date",
                                        "6:5 code-only-not-one-to-one",
                                        "7:1 name-needed",
                                        "9:3 chain-order"));
    }

    @Test
    void theBuiltInHistoryFitsAnyEditionSkippingWhatTheLookupLacks() throws IOException {
        Path old = write("old.csv", """
                DZ2011_Code,DZ2011_Name,IZ2011_Code,IZ2011_Name,LA_Code,LA_Name,HB_Code,HB_Name,Country_Code,Country_Name
                S01009758,Carmunnock - 01,S02001830,Carmunnock,S12000046,Glasgow City,S08000021,Greater Glasgow and Clyde,S92000003,Scotland
                """);
        CodeHistory.Applied applied =
                CodeHistory.scotland().applyTo(LookupFile.read(old, null, 100).geography());
        assertThat(applied.applied()).isEmpty();
        assertThat(applied.geography().archived()).isEmpty();
        // A publisher's own file must fit: the same row against the same lookup is an error.
        assertThatThrownBy(() -> history("S12000046,S12000049,2019-04-01,council,yes,\n")
                        .applyTo(LookupFile.read(old, null, 100).geography()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(CodeHistory.NONE.applyTo(lookup()).geography().archived()).isEmpty();
    }
}
