package scot.cairn.geography;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import scot.cairn.vocab.AreaLevel;

/**
 * Which columns of a data zone lookup file hold the code and the name of each geography level.
 *
 * <p>Two layouts are built in and detected from the header: {@link #OFFICIAL} (the Scottish
 * Government's {@code Datazone2011lookup.csv}: {@code DZ2011_Code, DZ2011_Name, IZ2011_Code, ...})
 * and {@link #PHS} (Public Health Scotland's "Geography Codes and Labels":
 * {@code DataZone, DataZoneName, IntZone, ...}). Any other file is described with
 * {@link #parse(String)}, for example
 * <pre>dz=DataZone,dzName=DataZoneName,iz=IntZone,izName=IntZoneName,council=CA,councilName=CAName,hb=HB,hbName=HBName,country=Country</pre>
 * Keys are the level keys {@code dz, iz, ward, spc, hscp, council, hb, country}, each alone
 * (the code column) or followed by {@code Name} (the name column). The data zone code and name
 * are required; every other level is optional, but a level with a code column needs a name
 * column too, except {@code country}, whose areas are called "Scotland" when no name is given.
 * Column names match the file's header case-insensitively after trimming.
 *
 * @param layout a short description of the layout, used in error messages
 * @param levels the columns of each level present, data zone first
 */
public record LookupColumns(String layout, Map<AreaLevel, LevelColumns> levels) {

    /**
     * The columns of one level.
     *
     * @param code     header of the column holding the area code
     * @param name     header of the column holding the official name, or null (country only)
     * @param required whether a file in this layout must have the columns; an optional level whose
     *                 code column is absent is skipped
     */
    public record LevelColumns(String code, String name, boolean required) {
        public LevelColumns {
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("a level's code column must not be blank");
            }
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("a level's name column must not be blank (use null for none)");
            }
        }
    }

    /** The Scottish Government data zone lookup ({@code Datazone2011lookup.csv}). */
    public static final LookupColumns OFFICIAL = new LookupColumns(
            "official data zone lookup (DZ2011_Code, DZ2011_Name, IZ2011_Code, IZ2011_Name, MMWard_Code, MMWard_Name, "
                    + "LA_Code, LA_Name, SPC_Code, SPC_Name, HB_Code, HB_Name, HIA_Code, HIA_Name, Country_Code, Country_Name)",
            levels(
                    AreaLevel.DATA_ZONE, new LevelColumns("DZ2011_Code", "DZ2011_Name", true),
                    AreaLevel.INTERMEDIATE_ZONE, new LevelColumns("IZ2011_Code", "IZ2011_Name", true),
                    AreaLevel.WARD, new LevelColumns("MMWard_Code", "MMWard_Name", false),
                    AreaLevel.SCOTTISH_PARLIAMENT_CONSTITUENCY, new LevelColumns("SPC_Code", "SPC_Name", false),
                    // HIA (health integration authority) is the lookup's name for the S37 partnerships.
                    AreaLevel.HEALTH_AND_SOCIAL_CARE_PARTNERSHIP, new LevelColumns("HIA_Code", "HIA_Name", false),
                    AreaLevel.COUNCIL, new LevelColumns("LA_Code", "LA_Name", true),
                    AreaLevel.HEALTH_BOARD, new LevelColumns("HB_Code", "HB_Name", true),
                    AreaLevel.COUNTRY, new LevelColumns("Country_Code", "Country_Name", false)));

    /** Public Health Scotland's "Geography Codes and Labels" ({@code dz2011_codes_and_labels_*.csv}). */
    public static final LookupColumns PHS = new LookupColumns(
            "Public Health Scotland codes and labels (DataZone, DataZoneName, IntZone, IntZoneName, CA, CAName, "
                    + "HSCP, HSCPName, HB, HBName, Country)",
            levels(
                    AreaLevel.DATA_ZONE, new LevelColumns("DataZone", "DataZoneName", true),
                    AreaLevel.INTERMEDIATE_ZONE, new LevelColumns("IntZone", "IntZoneName", true),
                    AreaLevel.HEALTH_AND_SOCIAL_CARE_PARTNERSHIP, new LevelColumns("HSCP", "HSCPName", false),
                    AreaLevel.COUNCIL, new LevelColumns("CA", "CAName", true),
                    AreaLevel.HEALTH_BOARD, new LevelColumns("HB", "HBName", true),
                    AreaLevel.COUNTRY, new LevelColumns("Country", null, false)));

    private static final Map<String, AreaLevel> KEYS = Map.of(
            "dz", AreaLevel.DATA_ZONE,
            "iz", AreaLevel.INTERMEDIATE_ZONE,
            "ward", AreaLevel.WARD,
            "spc", AreaLevel.SCOTTISH_PARLIAMENT_CONSTITUENCY,
            "hscp", AreaLevel.HEALTH_AND_SOCIAL_CARE_PARTNERSHIP,
            "council", AreaLevel.COUNCIL,
            "hb", AreaLevel.HEALTH_BOARD,
            "country", AreaLevel.COUNTRY);

    private static final String KEY_LIST = "dz, iz, ward, spc, hscp, council, hb, country";

    public LookupColumns {
        Objects.requireNonNull(layout, "layout must not be null");
        EnumMap<AreaLevel, LevelColumns> copy = new EnumMap<>(AreaLevel.class);
        copy.putAll(levels);
        LevelColumns dz = copy.get(AreaLevel.DATA_ZONE);
        if (dz == null || dz.name() == null || !dz.required()) {
            throw new IllegalArgumentException(
                    "a lookup needs required data zone code and name columns (dz and dzName)");
        }
        for (var e : copy.entrySet()) {
            if (e.getValue().name() == null && e.getKey() != AreaLevel.COUNTRY) {
                throw new IllegalArgumentException("level " + key(e.getKey()) + " needs a name column ("
                        + key(e.getKey()) + "Name); only country may go without");
            }
        }
        levels = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses a mapping such as {@code dz=DataZone,dzName=DataZoneName,iz=IntZone,izName=IntZoneName}.
     * Every column named is required in the file.
     *
     * @throws IllegalArgumentException naming the part of the text that is wrong
     */
    public static LookupColumns parse(String text) {
        Objects.requireNonNull(text, "column mapping must not be null");
        Map<AreaLevel, String> codes = new LinkedHashMap<>();
        Map<AreaLevel, String> names = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("column mapping part '" + part.strip() + "' is not key=column");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String column = part.substring(eq + 1).strip();
            if (column.isEmpty()) {
                throw new IllegalArgumentException("column mapping key '" + key + "' names no column");
            }
            boolean isName = key.endsWith("name");
            AreaLevel level = KEYS.get(isName ? key.substring(0, key.length() - 4) : key);
            if (level == null) {
                throw new IllegalArgumentException(
                        "unknown key '" + part.substring(0, eq).strip() + "' in column mapping: expected one of "
                                + KEY_LIST + ", each optionally followed by Name");
            }
            Map<AreaLevel, String> target = isName ? names : codes;
            if (target.put(level, column) != null) {
                throw new IllegalArgumentException(
                        "column mapping key '" + part.substring(0, eq).strip() + "' given twice");
            }
        }
        for (AreaLevel level : names.keySet()) {
            if (!codes.containsKey(level)) {
                throw new IllegalArgumentException("column mapping gives " + key(level) + "Name but not " + key(level));
            }
        }
        Map<AreaLevel, LevelColumns> levels = new EnumMap<>(AreaLevel.class);
        codes.forEach((level, code) -> levels.put(level, new LevelColumns(code, names.get(level), true)));
        return new LookupColumns("column mapping " + text.strip(), levels);
    }

    /** The built-in layout whose data zone code column the header has, if any. */
    public static Optional<LookupColumns> detect(List<String> header) {
        for (LookupColumns candidate : List.of(OFFICIAL, PHS)) {
            String dz = candidate.levels.get(AreaLevel.DATA_ZONE).code();
            if (header.stream().anyMatch(h -> normalise(h).equals(normalise(dz)))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The mapping in the form {@link #parse} reads. */
    public String toMappingString() {
        List<String> parts = new ArrayList<>();
        levels.forEach((level, cols) -> {
            parts.add(key(level) + "=" + cols.code());
            if (cols.name() != null) {
                parts.add(key(level) + "Name=" + cols.name());
            }
        });
        return String.join(",", parts);
    }

    /** The level of a mapping key such as {@code council} or {@code hb}, if it is one. */
    static Optional<AreaLevel> levelOfKey(String key) {
        return Optional.ofNullable(KEYS.get(normalise(key)));
    }

    static String key(AreaLevel level) {
        return KEYS.entrySet().stream()
                .filter(e -> e.getValue() == level)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** How header cells are compared: trimmed, case-insensitive. */
    static String normalise(String header) {
        return header.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<AreaLevel, LevelColumns> levels(Object... pairs) {
        Map<AreaLevel, LevelColumns> m = new EnumMap<>(AreaLevel.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((AreaLevel) pairs[i], (LevelColumns) pairs[i + 1]);
        }
        return m;
    }
}
