package scot.cairn.tabulation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Slugs;

/**
 * Creating, listing and deleting localities (named sets of data zones shared by every user of the
 * tabulation service and the area profiles), in the microdata store's {@code localities} table.
 *
 * <p>Everything a client sends is checked before anything is written: a name within the length
 * limit with no control characters and a letter or digit for its slug, a non-empty list of data
 * zones of the loaded geography within the size limit (duplicates dropped). A locality is never
 * replaced: a taken slug is refused with the locality that has it. Each locality is owned by the
 * client that made it: an API-key client by its key's name, an anonymous client by an owner
 * token returned once at creation and stored only as its SHA-256; only the owner may delete it.
 * Quotas bound the number of localities in all and per client (per API key; per address, hashed
 * with a secret of the store, for anonymous clients). Thread-safe: writes are serialised.
 */
public final class Localities {
    private static final Logger LOG = LoggerFactory.getLogger(Localities.class);
    /** Most localities on one page of the list. */
    public static final int MAX_PAGE_SIZE = 100;

    private static final int MAX_CODE_LENGTH = 20;

    private final MicrodataStore store;
    private final AreaHierarchy geography;
    private final LocalityLimits limits;
    private final String addressSalt;
    private final SecureRandom random = new SecureRandom();

    /** A locality just created, and the owner token of an anonymous creator (null for an API-key client). */
    public record Created(MicrodataStore.Locality locality, String ownerToken) {}

    /** A locality as listed: its data zones counted, not listed. */
    public record Summary(String slug, String name, int dataZones, Instant created) {}

    /** One page of the list, in slug order; {@code total} counts every listed locality. */
    public record Page(List<Summary> localities, int page, int size, long total) {
        public Page {
            localities = List.copyOf(localities);
        }

        public long pages() {
            return (total + size - 1) / size;
        }
    }

    public Localities(MicrodataStore store, AreaHierarchy geography, LocalityLimits limits) {
        this.store = store;
        this.geography = geography;
        this.limits = limits;
        this.addressSalt = store.secret("client-address-salt");
        long oversized = count(
                "SELECT count(*) FROM localities WHERE length(name) > " + LocalityLimits.NAME_LENGTH_CEILING, null);
        if (oversized > 0) {
            LOG.warn(
                    "{} localities made before names were limited have names over {} characters; they are left out of the list "
                            + "of localities (delete them from the table 'localities' of {} when the server is stopped)",
                    oversized,
                    LocalityLimits.NAME_LENGTH_CEILING,
                    store.location());
        }
    }

    public LocalityLimits limits() {
        return limits;
    }

    /**
     * Creates a locality owned by {@code client}.
     *
     * @throws InvalidRequestException for a bad name or data zones (nothing is written)
     * @throws LocalityException       when the slug is taken, a quota is used up or an API key is needed
     */
    public Created create(String name, List<String> dataZones, Client client) {
        if (client.isAnonymous() && (limits.requireApiKey() || limits.maxPerAnonymousClient() == 0)) {
            throw new LocalityException(
                    LocalityException.Reason.API_KEY_NEEDED,
                    "creating a locality needs an API key issued by the operator of this service");
        }
        String cleanName = checkName(name);
        String slug = Slugs.slugify(cleanName);
        List<String> zones = checkDataZones(dataZones);
        MicrodataStore.Locality locality = new MicrodataStore.Locality(slug, cleanName, zones, Instant.now());
        String token = client.isAnonymous() ? newToken() : null;
        synchronized (this) {
            store.locality(slug).ifPresent(existing -> {
                throw new LocalityException(
                        LocalityException.Reason.TAKEN,
                        "a locality '" + slug + "' already exists (named \"" + abbreviate(existing.name(), 100)
                                + "\"); choose another name");
            });
            long total = count("SELECT count(*) FROM localities", null);
            if (total >= limits.maxLocalities()) {
                throw new LocalityException(
                        LocalityException.Reason.STORE_FULL,
                        "the service holds its maximum of " + limits.maxLocalities()
                                + " localities; no more can be made until some are deleted");
            }
            String creator = creator(client);
            long mine = count("SELECT count(*) FROM localities WHERE creator = ?", creator);
            int quota = client.isAnonymous() ? limits.maxPerAnonymousClient() : limits.maxPerClient();
            if (mine >= quota) {
                throw new LocalityException(
                        LocalityException.Reason.CLIENT_QUOTA,
                        "you have made " + mine
                                + " localities, the most "
                                + (client.isAnonymous() ? "a client without an API key" : "one API key")
                                + " may hold; delete one of yours first"
                                + (client.isAnonymous() ? ", or ask the operator for an API key" : ""));
            }
            insert(
                    locality,
                    client.isAnonymous() ? null : client.apiKeyClient(),
                    token == null ? null : ApiKeys.sha256Hex(token),
                    creator);
        }
        return new Created(locality, token);
    }

    /**
     * Deletes a locality if {@code client} made it with an API key, or {@code ownerToken} is the
     * token returned when it was made.
     *
     * @throws LocalityException NOT_FOUND for an unknown slug, NOT_OWNER for anyone else
     */
    public synchronized void delete(String slug, Client client, String ownerToken) {
        LocalityException notFound = new LocalityException(
                LocalityException.Reason.NOT_FOUND, "no locality '" + abbreviate(slug, 100) + "'");
        if (!Slugs.isSlug(slug)) {
            throw notFound;
        }
        String ownerClient;
        String tokenHash;
        try (Connection c = store.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT owner_client, owner_token FROM localities WHERE slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw notFound;
                }
                ownerClient = rs.getString(1);
                tokenHash = rs.getString(2);
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot read locality " + slug, e);
        }
        boolean byKey = ownerClient != null && ownerClient.equals(client.apiKeyClient());
        boolean byToken = tokenHash != null
                && ownerToken != null
                && ownerToken.length() <= 200
                && MessageDigest.isEqual(
                        tokenHash.getBytes(StandardCharsets.US_ASCII),
                        ApiKeys.sha256Hex(ownerToken).getBytes(StandardCharsets.US_ASCII));
        if (!byKey && !byToken) {
            throw new LocalityException(
                    LocalityException.Reason.NOT_OWNER,
                    ownerClient == null && tokenHash == null
                            ? "locality '" + slug
                                    + "' was made before localities had owners; only the operator can delete it"
                            : "only the client that made locality '" + slug
                                    + "' may delete it: send the API key it was made with, "
                                    + "or the owner token returned when it was made");
        }
        try (Connection c = store.connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM localities WHERE slug = ?")) {
            ps.setString(1, slug);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot delete locality " + slug, e);
        }
    }

    /**
     * One page of localities in slug order (page 1 first), at most {@link #MAX_PAGE_SIZE} a page.
     *
     * @throws InvalidRequestException for a page below 1 or a size outside 1 to {@link #MAX_PAGE_SIZE}
     */
    public Page page(int page, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size must be from 1 to " + MAX_PAGE_SIZE + ", got " + size);
        }
        if (page < 1) {
            throw new InvalidRequestException("page must be 1 or more, got " + page);
        }
        String listed = " FROM localities WHERE length(name) <= " + LocalityLimits.NAME_LENGTH_CEILING;
        long total = count("SELECT count(*)" + listed, null);
        List<Summary> out = new ArrayList<>();
        try (Connection c = store.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT slug, name, zone_count, created" + listed + " ORDER BY slug LIMIT ? OFFSET ?")) {
            ps.setInt(1, size);
            ps.setLong(2, (long) (page - 1) * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Summary(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot list localities", e);
        }
        return new Page(out, page, size, total);
    }

    /** The locality with this slug (one keyed lookup). */
    public Optional<MicrodataStore.Locality> find(String slug) {
        return store.locality(slug);
    }

    // ---- checks ----

    private String checkName(String name) {
        if (name == null) {
            throw new InvalidRequestException(
                    "name is required: the locality's name, up to " + limits.maxNameLength() + " characters");
        }
        String n = name.strip();
        if (n.isEmpty()) {
            throw new InvalidRequestException(
                    "name is blank; give the locality a name of up to " + limits.maxNameLength() + " characters");
        }
        int length = n.codePointCount(0, n.length());
        if (length > limits.maxNameLength()) {
            throw new InvalidRequestException("name has " + length + " characters; at most " + limits.maxNameLength());
        }
        int[] cps = n.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (disallowed(cps[i])) {
                throw new InvalidRequestException(String.format(
                        java.util.Locale.ROOT,
                        "name has a control character (U+%04X) at character %d; names are plain text on one line",
                        cps[i],
                        i + 1));
            }
        }
        try {
            Slugs.slugify(n);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "name needs at least one letter or digit (a-z, 0-9) to make the locality's address from");
        }
        return n;
    }

    /** Control characters, line and paragraph separators, bidirectional overrides and unpaired surrogates. */
    private static boolean disallowed(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0xFEFF
                || cp == 0xFFFE
                || cp == 0xFFFF;
    }

    private List<String> checkDataZones(List<String> dataZones) {
        if (dataZones == null) {
            throw new InvalidRequestException("dataZones is required: a list of 2011 data zone codes (S01...)");
        }
        if (dataZones.isEmpty()) {
            throw new InvalidRequestException("dataZones lists no data zone; a locality needs at least one");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < dataZones.size(); i++) {
            if (dataZones.get(i) == null) {
                throw new InvalidRequestException("dataZones[" + i + "] is null; give data zone codes (S01...)");
            }
            distinct.add(dataZones.get(i));
            if (distinct.size() > limits.maxDataZones()) {
                throw new InvalidRequestException("dataZones lists more than " + limits.maxDataZones()
                        + " different data zones; a locality may have at most " + limits.maxDataZones());
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String dz : distinct) {
            boolean known = dz.length() <= MAX_CODE_LENGTH
                    && AreaLevel.ofCode(dz).orElse(null) == AreaLevel.DATA_ZONE
                    && geography.parent(dz, AreaLevel.DATA_ZONE).isPresent();
            if (!known) {
                unknown.add(abbreviate(dz, MAX_CODE_LENGTH));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("not data zones of the loaded geography: "
                    + unknown.stream().limit(10).toList()
                    + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : ""));
        }
        return List.copyOf(distinct);
    }

    // ---- store ----

    private void insert(MicrodataStore.Locality l, String ownerClient, String ownerTokenHash, String creator) {
        try (Connection c = store.connection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO localities (slug, name, data_zones, created, owner_client, "
                                + "owner_token, creator, zone_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, l.slug());
            ps.setString(2, l.name());
            ps.setArray(3, c.createArrayOf("VARCHAR", l.dataZones().toArray()));
            ps.setObject(4, java.sql.Timestamp.from(l.created()));
            ps.setString(5, ownerClient);
            ps.setString(6, ownerTokenHash);
            ps.setString(7, creator);
            ps.setInt(8, l.dataZones().size());
            ps.execute();
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot save locality " + l.slug(), e);
        }
    }

    private long count(String sql, String parameter) {
        try (Connection c = store.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot count localities", e);
        }
    }

    /** The quota key of a client: its API key's name, or a salted hash of its address (addresses are not stored). */
    private String creator(Client client) {
        return client.isAnonymous()
                ? "address:" + ApiKeys.sha256Hex(addressSalt + "|" + client.address())
                : "key:" + client.apiKeyClient();
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** At most {@code max} characters of {@code s} (never half a surrogate pair), marked when cut. */
    static String abbreviate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "...";
    }
}
