package scot.cairn.endpoint;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one query's result is written while it is produced: in memory up to a limit, then, when it
 * outgrows that, on in a private temporary file in a scratch folder, so that the query is evaluated
 * once and the whole answer is still known (and its length) before a byte goes to the client.
 *
 * <p>The file is created only when needed ({@code cairn-sparql-*.spill}, owner-only permissions
 * where the file system has them, in the folder the executor holds for spill files) and deleted by {@link #close()}, which the caller calls on every
 * path (try-with-resources): success, refusal, timeout, a client that went away. A file that cannot
 * be created or written (a full or unwritable scratch folder) ends the write with {@link
 * ScratchFailure}. Not thread-safe: one query writes it, then one response reads it.
 */
final class SpillBuffer extends OutputStream {
    static final String PREFIX = "cairn-sparql-";
    static final String SUFFIX = ".spill";

    /** Opens the stream a spill file is written through (a seam for tests of a full disk). */
    interface Opener {
        OutputStream open(Path file) throws IOException;
    }

    /** The folder spill files go in, asked for only when one is needed. */
    interface Folder {
        Path get() throws IOException;
    }

    private final int memoryLimit;
    private final Path scratch;
    private final Folder folder;
    private final Opener opener;
    private ByteArrayOutputStream memory;
    private Path file;
    private OutputStream fileOut;
    private long size;

    /** Holds up to {@code memoryLimit} bytes in memory, then spills into a new file in {@code scratch}. */
    SpillBuffer(int memoryLimit, Path scratch) {
        this(memoryLimit, scratch, Files::newOutputStream);
    }

    SpillBuffer(int memoryLimit, Path scratch, Opener opener) {
        this(memoryLimit, scratch, () -> scratch, opener);
    }

    /** Spills into a new file in the folder {@code folder} gives, inside {@code scratch} (named in errors). */
    SpillBuffer(int memoryLimit, Path scratch, Folder folder, Opener opener) {
        if (memoryLimit < 1) {
            throw new IllegalArgumentException("memory limit must be positive: " + memoryLimit);
        }
        this.memoryLimit = memoryLimit;
        this.scratch = Objects.requireNonNull(scratch, "scratch");
        this.folder = Objects.requireNonNull(folder, "folder");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.memory = new ByteArrayOutputStream(Math.min(memoryLimit, 64 * 1024));
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (fileOut == null && memory.size() + (long) len <= memoryLimit) {
            memory.write(b, off, len);
        } else {
            try {
                if (fileOut == null) {
                    spill();
                }
                fileOut.write(b, off, len);
            } catch (IOException e) {
                throw new ScratchFailure(scratch, e);
            }
        }
        size += len;
    }

    private void spill() throws IOException {
        Path dir = folder.get();
        Files.createDirectories(dir);
        file = Files.createTempFile(dir, PREFIX, SUFFIX);
        fileOut = new BufferedOutputStream(opener.open(file), 64 * 1024);
        memory.writeTo(fileOut);
        memory = null;
    }

    @Override
    public void flush() {
        if (fileOut != null) {
            try {
                fileOut.flush();
            } catch (IOException e) {
                throw new ScratchFailure(scratch, e);
            }
        }
    }

    /** Bytes written so far. */
    long size() {
        return size;
    }

    /** True while everything written is in memory (no file was needed). */
    boolean inMemory() {
        return fileOut == null;
    }

    /** What was written, when {@link #inMemory()}. */
    byte[] bytes() {
        if (!inMemory()) {
            throw new IllegalStateException("the result was spilled to " + file);
        }
        return memory.toByteArray();
    }

    /** The spill file, or null while everything is in memory (tests). */
    Path file() {
        return file;
    }

    /**
     * Writes everything written so far to {@code out}.
     *
     * @throws ScratchFailure when the spill file cannot be read back
     */
    void writeTo(OutputStream out) throws IOException {
        if (inMemory()) {
            memory.writeTo(out);
            return;
        }
        flush();
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new ScratchFailure(scratch, e);
        }
        try (in) {
            in.transferTo(out);
        }
    }

    /** Deletes the spill file, if there is one; idempotent. */
    @Override
    public void close() throws IOException {
        memory = null;
        if (file == null) {
            return;
        }
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException ignored) {
            // the file is deleted below whatever state its stream is in
        } finally {
            Files.deleteIfExists(file);
            file = null;
            fileOut = null;
        }
    }

    /** The scratch folder could not take a spilled result: 503, not 500, since it is the server's state, not the query. */
    static final class ScratchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScratchFailure(Path scratch, IOException cause) {
            super("cannot write a temporary result file in " + scratch + ": " + cause, cause, false, false);
        }
    }
}
