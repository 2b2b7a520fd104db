package scot.cairn.tabulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The installation's secret from which record keys (and swap selections) are derived: 32 random
 * bytes, created at the first ingest, kept in {@code record-keys.secret} beside the private
 * microdata (owner read/write only where the file system has POSIX permissions) and never in a
 * definition, a log or a response. The cell key method assumes record keys cannot be recomputed
 * outside the service; with keys derived from a seed written in a shipped definition they could.
 * A store in memory has a fresh secret per instance. Thread-safe.
 */
final class RecordKeySecret {
    static final String FILE_NAME = "record-keys.secret";

    private final Path file;
    private volatile byte[] secret;

    private RecordKeySecret(Path file, byte[] secret) {
        this.file = file;
        this.secret = secret;
    }

    /** The secret kept in {@code dir}, read when it exists and created at the first {@link #seed} otherwise. */
    static RecordKeySecret beside(Path dir) {
        return new RecordKeySecret(dir.resolve(FILE_NAME), null);
    }

    /** A secret held in memory only. */
    static RecordKeySecret random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new RecordKeySecret(null, b);
    }

    /** A given secret (tests that need the same keys in two stores). */
    static RecordKeySecret of(byte[] secret) {
        return new RecordKeySecret(null, secret.clone());
    }

    /** A 64-bit seed for {@code purpose} (e.g. "record-keys") of a dataset, derived from the secret. */
    long seed(String dataset, String purpose) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(secret());
            sha.update(("|" + purpose + "|" + dataset).getBytes(StandardCharsets.UTF_8));
            byte[] d = sha.digest();
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = (s << 8) | (d[i] & 0xFF);
            }
            return s & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized byte[] secret() {
        if (secret == null) {
            secret = readOrCreate(file);
        }
        return secret;
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] b = new byte[32];
                new SecureRandom().nextBytes(b);
                try {
                    createOwnerOnly(file);
                    Files.writeString(file, HexFormat.of().formatHex(b) + "\n");
                    return b;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                }
            }
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new TabulationStoreException(
                    "cannot read or create the record key secret " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
