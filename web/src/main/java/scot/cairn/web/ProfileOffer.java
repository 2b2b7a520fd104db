package scot.cairn.web;

import java.util.Map;
import java.util.Set;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.ProfileDefinition;
import scot.cairn.profiles.ProfileDefinition.Indicator;
import scot.cairn.profiles.ProfileDefinition.Kind;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.vocab.AreaLevel;

/**
 * Which area profiles an area page offers: those with a figure for the area, so that a profile
 * over datasets that cover other places (the bundled examples, once real data is loaded) is not
 * linked from every page. Decided from the catalogue's index of each dataset's areas, without
 * computing the profile: an indicator has a figure when its dataset is published for the area
 * itself, or (counts, proportions and rates, which add up) for data zones inside it.
 */
public class ProfileOffer {
    private final CatalogueReader catalogue;
    private final StoreGeography geography;

    public ProfileOffer(CatalogueReader catalogue, StoreGeography geography) {
        this.catalogue = catalogue;
        this.geography = geography;
    }

    /** Whether any indicator of the profile has a figure for the area {@code code}. */
    boolean hasFigures(ProfileDefinition profile, String code) {
        AreaLevel level = AreaLevel.ofCode(code).orElse(null);
        if (level == null) {
            return false;
        }
        Geography g = geography.current();
        for (Indicator i : profile.indicators()) {
            Series series = i.hasCounts() ? i.numerator() : i.value();
            Map<AreaLevel, Set<String>> areas = catalogue.areasOf(series.dataset());
            if (areas.getOrDefault(level, Set.of()).contains(code)) {
                return true;
            }
            Set<String> zones = areas.getOrDefault(AreaLevel.DATA_ZONE, Set.of());
            if (i.type() != Kind.VALUE
                    && !zones.isEmpty()
                    && g.dataZones(code).stream().anyMatch(zones::contains)) {
                return true;
            }
        }
        return false;
    }
}
