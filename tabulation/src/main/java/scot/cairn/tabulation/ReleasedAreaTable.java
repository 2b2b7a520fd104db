package scot.cairn.tabulation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import scot.cairn.tabulation.differencing.AreaRegistry;

/**
 * The user-defined areas released from each dataset, kept in the private DuckDB store beside the
 * microdata (table {@code released_areas}), so the area registry outlives restarts. A store
 * written before this table existed simply starts with none released.
 */
final class ReleasedAreaTable implements AreaRegistry.Store {
    private final MicrodataStore store;

    ReleasedAreaTable(MicrodataStore store) {
        this.store = store;
        try (Connection c = store.connection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS released_areas (dataset VARCHAR, zones VARCHAR, client VARCHAR, released TIMESTAMP)");
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot create the table of released areas: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AreaRegistry.Released> released(String dataset) {
        List<AreaRegistry.Released> out = new ArrayList<>();
        try (Connection c = store.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT zones, arg_min(client, released) FROM released_areas WHERE dataset = ? "
                                + "GROUP BY zones ORDER BY min(released)")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AreaRegistry.Released(List.of(rs.getString(1).split(",")), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot read released areas: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void record(String dataset, List<String> zones, String client) {
        try (Connection c = store.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO released_areas VALUES (?, ?, ?, ?)")) {
            ps.setString(1, dataset);
            ps.setString(2, String.join(",", zones));
            ps.setString(3, client);
            ps.setObject(4, java.sql.Timestamp.from(Instant.now()));
            ps.execute();
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot record a released area: " + e.getMessage(), e);
        }
    }

    @Override
    public int releasedSince(String client, Instant since) {
        try (Connection c = store.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM released_areas WHERE client = ? AND released >= ?")) {
            ps.setString(1, client);
            ps.setObject(2, java.sql.Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot count released areas: " + e.getMessage(), e);
        }
    }
}
