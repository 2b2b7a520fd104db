package scot.cairn.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A folder of this process's own inside the store's scratch folder ({@link StoreTuning#sortDir()}),
 * for temporary files a reader writes (a SPARQL answer too large for memory, say). It is locked as
 * live while open and deleted with what is in it on {@link #close()}; one a killed process left is
 * deleted by the sweep when a store next opens over that scratch folder, as sorted runs are
 * ({@link SortRunFolders}: only folders named {@code cairn-<purpose>-<digits>} and not locked by a
 * live process, in any process). Thread-safe.
 */
public final class ScratchFolder implements AutoCloseable {
    private static final Pattern PURPOSE = Pattern.compile("[a-z]{3,8}");

    private final SortRunFolders.Claim claim;

    private ScratchFolder(SortRunFolders.Claim claim) {
        this.claim = claim;
    }

    /**
     * Creates and locks a new folder {@code cairn-<purpose>-<digits>} in {@code scratch}.
     *
     * @param purpose three to eight lower-case letters, part of the folder's name
     * @throws java.io.UncheckedIOException when the folder cannot be created or locked
     */
    public static ScratchFolder claim(Path scratch, String purpose) {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("a scratch folder's purpose is 3-8 lower-case letters: " + purpose);
        }
        return new ScratchFolder(SortRunFolders.claim(scratch, purpose));
    }

    /** The folder. */
    public Path dir() {
        return claim.dir();
    }

    /** Unlocks and deletes the folder with whatever is left in it. */
    @Override
    public void close() {
        claim.release();
    }
}
