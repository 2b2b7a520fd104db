package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorted runs a killed load left are swept; a live rebuild's folder and other programs' files are not. */
class SortRunFoldersTest {
    @TempDir
    Path sortDir;

    /** What a load killed while it wrote its runs leaves: the folder, its runs and an owner file no one locks. */
    private Path leftover(String name) throws Exception {
        Path d = Files.createDirectories(sortDir.resolve(name));
        Files.write(d.resolve("run-0"), new byte[4096]);
        Files.writeString(d.resolve(SortRunFolders.OWNER), "");
        return d;
    }

    @Test
    void aLiveFolderSurvivesTheSweepAndIsGoneWhenReleased() throws Exception {
        SortRunFolders.Claim claim = SortRunFolders.claim(sortDir, "GSPO");
        Files.write(claim.dir().resolve("run-0"), new byte[16]);
        assertThat(SortRunFolders.sweep(sortDir)).isZero();
        assertThat(claim.dir().resolve("run-0")).exists();
        claim.release();
        assertThat(claim.dir()).doesNotExist();
    }

    @Test
    void foldersOfAKilledLoadAreSwept() throws Exception {
        Path a = leftover("cairn-GSPO-123456789");
        Path b = leftover("cairn-POSG-42");
        SortRunFolders.Claim live = SortRunFolders.claim(sortDir, "SPOG");
        assertThat(SortRunFolders.sweep(sortDir)).isEqualTo(2);
        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
        assertThat(live.dir()).exists();
        live.release();
    }

    /** A spill file the previous build left loose in the scratch folder: swept when old, and no other file. */
    @Test
    void aLooseSpillFileOfTheBuildBeforeIsSweptOnlyWhenOld() throws Exception {
        FileTime longAgo =
                FileTime.from(Instant.now().minus(SortRunFolders.UNOWNED_AGE).minusSeconds(60));
        Path old = Files.write(sortDir.resolve("cairn-sparql-8123456789.spill"), new byte[16]);
        Files.setLastModifiedTime(old, longAgo);
        Path recent = Files.write(sortDir.resolve("cairn-sparql-77.spill"), new byte[16]);
        Path otherProgram = Files.write(sortDir.resolve("cairn-sparql-notes.spill"), new byte[16]);
        Files.setLastModifiedTime(otherProgram, longAgo);
        assertThat(SortRunFolders.sweep(sortDir)).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(otherProgram).exists();
    }

    @Test
    void aFolderWithoutOwnerIsSweptOnlyWhenOld() throws Exception {
        Path recent = Files.createDirectories(sortDir.resolve("cairn-GSPO-1"));
        Path old = Files.createDirectories(sortDir.resolve("cairn-GSPO-2"));
        Files.write(old.resolve("run-0"), new byte[16]);
        Files.setLastModifiedTime(
                old,
                FileTime.from(Instant.now().minus(SortRunFolders.UNOWNED_AGE).minusSeconds(60)));
        assertThat(SortRunFolders.sweep(sortDir)).isEqualTo(1);
        assertThat(recent).exists();
        assertThat(old).doesNotExist();
    }

    @Test
    void otherProgramsFilesAreNotTouched() throws Exception {
        Path microdata = leftover("cairn-microdata1234");
        Path other = leftover("other-GSPO-1");
        Path notDigits = leftover("cairn-GSPO-abc");
        Path file = Files.writeString(sortDir.resolve("cairn-GSPO-7"), "a file, not a folder");
        assertThat(SortRunFolders.sweep(sortDir)).isZero();
        assertThat(microdata).exists();
        assertThat(other).exists();
        assertThat(notDigits).exists();
        assertThat(file).exists();
        assertThat(SortRunFolders.sweep(sortDir.resolve("absent"))).isZero();
    }
}
