package scot.cairn.tabulation.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import scot.cairn.tabulation.LocalityLimits;

/**
 * Settings of the localities clients create (prefix {@code cairn.tabulation.localities.}),
 * checked at start; the meaning and defaults are those of {@link LocalityLimits}.
 *
 * @param maxNameLength         characters of a name (1 to 1,000)
 * @param maxDataZones          data zones of one locality
 * @param maxLocalities         localities in the store, a hard cap for everyone
 * @param maxPerClient          localities one API key may hold
 * @param maxPerAnonymousClient localities one client address without an API key may hold (0: none)
 * @param requireApiKey         whether creating a locality needs an API key
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

    private static LocalityLimits limits(
            int maxNameLength,
            int maxDataZones,
            int maxLocalities,
            int maxPerClient,
            int maxPerAnonymousClient,
            boolean requireApiKey) {
        try {
            return new LocalityLimits(
                    maxNameLength, maxDataZones, maxLocalities, maxPerClient, maxPerAnonymousClient, requireApiKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cairn.tabulation.localities." + e.getMessage(), e);
        }
    }
}
