package scot.cairn.profiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.profiles.ProfileDefinition.Series;

/**
 * Series tables saved in a folder, one file per series, with the stamps of the graphs they were
 * read from ({@link SeriesTables.Stamps}): a table whose stamps are still the store's is loaded
 * instead of read again, so a restart costs no extraction. Each area's row is saved under its code,
 * so a file does not depend on the order of the areas in memory. A file that cannot be read (from
 * another format, cut short) is ignored and replaced at the next save.
 */
final class SeriesTableFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesTableFiles.class);
    private static final int MAGIC = 0x43545331; // "CTS1"

    private final Path folder;

    SeriesTableFiles(Path folder) {
        this.folder = folder;
    }

    private Path file(Series series) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(series.key().getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(d, 0, 16) + ".table");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The saved table of this series when it was read with these stamps, else null. */
    SeriesTable load(Series series, SeriesTables.Stamps stamps, Map<String, Integer> areaIndex) {
        Path f = file(series);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
            if (in.readInt() != MAGIC
                    || !in.readUTF().equals(series.key())
                    || !new SeriesTables.Stamps(in.readLong(), in.readLong(), in.readLong()).equals(stamps)) {
                return null;
            }
            String source = in.readUTF();
            String problem = in.readBoolean() ? in.readUTF() : null;
            long observations = in.readLong();
            String[] periods = new String[in.readInt()];
            for (int p = 0; p < periods.length; p++) {
                periods[p] = in.readUTF();
            }
            int areaCount = in.readInt();
            if (areaCount != areaIndex.size()) {
                return null;
            }
            double[] values = new double[areaCount * periods.length];
            Arrays.fill(values, Double.NaN);
            byte[] status = new byte[areaCount * periods.length];
            int rows = in.readInt();
            for (int r = 0; r < rows; r++) {
                Integer a = areaIndex.get(in.readUTF());
                if (a == null) {
                    return null;
                }
                for (int p = 0; p < periods.length; p++) {
                    status[a * periods.length + p] = in.readByte();
                    values[a * periods.length + p] = in.readDouble();
                }
            }
            return new SeriesTable(source, periods, areaCount, values, status, problem, observations);
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the saved profile series {} ({}): it is read again", f, e.toString());
            return null;
        }
    }

    /** Saves the table of this series with the stamps it was read with; a failure is logged, never thrown. */
    void save(Series series, SeriesTables.Stamps stamps, String[] codes, SeriesTable t) {
        Path f = file(series);
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try {
            Files.createDirectories(folder);
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeUTF(series.key());
                out.writeLong(stamps.geography());
                out.writeLong(stamps.data());
                out.writeLong(stamps.metadata());
                out.writeUTF(t.source);
                out.writeBoolean(t.problem != null);
                if (t.problem != null) {
                    out.writeUTF(t.problem);
                }
                out.writeLong(t.observations);
                out.writeInt(t.periods.length);
                for (String p : t.periods) {
                    out.writeUTF(p);
                }
                out.writeInt(t.areaCount);
                int n = t.periods.length;
                int rows = 0;
                for (int a = 0; a < t.areaCount && n > 0; a++) {
                    rows += hasRow(t, a) ? 1 : 0;
                }
                out.writeInt(rows);
                for (int a = 0; a < t.areaCount && n > 0; a++) {
                    if (hasRow(t, a)) {
                        out.writeUTF(codes[a]);
                        for (int p = 0; p < n; p++) {
                            out.writeByte(t.status[a * n + p]);
                            out.writeDouble(t.values[a * n + p]);
                        }
                    }
                }
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot save the profile series {} to {}: it is read again after a restart", series.key(), f, e);
        }
    }

    private static boolean hasRow(SeriesTable t, int a) {
        int n = t.periods.length;
        for (int p = 0; p < n; p++) {
            if (t.status[a * n + p] != SeriesTable.ABSENT) {
                return true;
            }
        }
        return false;
    }
}
