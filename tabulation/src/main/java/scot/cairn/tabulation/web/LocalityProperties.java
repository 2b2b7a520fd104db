package scot.cairn.tabulation.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import scot.cairn.tabulation.LocalityLimits;

/**
 * Settings of the localities clients create (prefix {@code cairn.tabulation.localities.}),
 * checked at start; the meaning and defaults are those of {@link LocalityLimits}.
 */
@ConfigurationProperties(prefix = "cairn.tabulation.localities")
record LocalityProperties(
        @DefaultValue("100") int maxNameLength,
        @DefaultValue("1000") int maxDataZones,
        @DefaultValue("10000") int maxLocalities,
        @DefaultValue("500") int maxPerClient,
        @DefaultValue("20") int maxPerAnonymousClient,
        @DefaultValue("false") boolean requireApiKey) {

    LocalityProperties {
        limits(maxNameLength, maxDataZones, maxLocalities, maxPerClient, maxPerAnonymousClient, requireApiKey);
    }

    LocalityLimits limits() {
        return limits(maxNameLength, maxDataZones, maxLocalities, maxPerClient, maxPerAnonymousClient, requireApiKey);
    }

    private static LocalityLimits limits(int maxNameLength, int maxDataZones, int maxLocalities, int maxPerClient,
                                         int maxPerAnonymousClient, boolean requireApiKey) {
        try {
            return new LocalityLimits(maxNameLength, maxDataZones, maxLocalities, maxPerClient, maxPerAnonymousClient, requireApiKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cairn.tabulation.localities." + e.getMessage(), e);
        }
    }
}
