package scot.cairn.tabulation;

/**
 * What clients may create as localities: how long a name, how many data zones, how many
 * localities in all and per client, and whether an API key is needed to create one. The limits
 * keep the shared locality table small whatever anonymous clients send (a locality is stored for
 * everyone and read on every profile and table of it).
 *
 * @param maxNameLength         characters of a name ({@code max-name-length}, 1 to 1,000; default 100)
 * @param maxDataZones          data zones of one locality ({@code max-data-zones}, default 1,000: more than the
 *                              largest council's 746)
 * @param maxLocalities         localities in the store, a hard cap for everyone ({@code max-localities}, default 10,000)
 * @param maxPerClient          localities one API key may hold ({@code max-per-client}, default 500)
 * @param maxPerAnonymousClient localities one client address without an API key may hold
 *                              ({@code max-per-anonymous-client}, default 20; 0: none)
 * @param requireApiKey         whether creating a locality needs an API key ({@code require-api-key}, default false so
 *                              that the web page's locality builder works for everyone)
 */
public record LocalityLimits(
        int maxNameLength,
        int maxDataZones,
        int maxLocalities,
        int maxPerClient,
        int maxPerAnonymousClient,
        boolean requireApiKey) {
    /** The longest name any setting allows. */
    public static final int NAME_LENGTH_CEILING = 1_000;

    public LocalityLimits {
        if (maxNameLength < 1 || maxNameLength > NAME_LENGTH_CEILING) {
            throw new IllegalArgumentException(
                    "max-name-length must be from 1 to " + NAME_LENGTH_CEILING + ", got " + maxNameLength);
        }
        if (maxDataZones < 1 || maxDataZones > 100_000) {
            throw new IllegalArgumentException("max-data-zones must be from 1 to 100000, got " + maxDataZones);
        }
        if (maxLocalities < 1) {
            throw new IllegalArgumentException("max-localities must be 1 or more, got " + maxLocalities);
        }
        if (maxPerClient < 1) {
            throw new IllegalArgumentException("max-per-client must be 1 or more, got " + maxPerClient);
        }
        if (maxPerAnonymousClient < 0) {
            throw new IllegalArgumentException(
                    "max-per-anonymous-client must be 0 or more, got " + maxPerAnonymousClient);
        }
    }

    /** The defaults named above. */
    public static LocalityLimits defaults() {
        return new LocalityLimits(100, 1_000, 10_000, 500, 20, false);
    }
}
