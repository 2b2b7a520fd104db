package scot.cairn.tabulation.differencing;

/**
 * What clients may release as user-defined areas (custom areas and localities tabulated), as ABS
 * TableBuilder limits custom geographies to registered users: whether an API key is needed, how
 * many new areas a client may release in 24 hours, and how near two clients' areas may come
 * before the audit log names them together for review.
 *
 * @param requireApiKey       only clients with an API key may tabulate user-defined areas
 *                            ({@code custom-areas-require-api-key}, default false: the table builder works for everyone)
 * @param perClientPerDay     new user-defined areas one API key may release in 24 hours ({@code custom-areas-per-client-per-day}, default 1,000)
 * @param perAnonymousPerDay  the same for one address without a key ({@code custom-areas-per-anonymous-client-per-day}, default 100)
 * @param nearIdenticalZones  an area within this many data zones of one another client released is written to the audit
 *                            log ({@code custom-areas-near-identical-zones}, default 5)
 */
public record ClientLimits(boolean requireApiKey, int perClientPerDay, int perAnonymousPerDay, int nearIdenticalZones) {
    public ClientLimits {
        if (perClientPerDay < 0 || perAnonymousPerDay < 0 || nearIdenticalZones < 0) {
            throw new IllegalArgumentException("custom area quotas and the near-identical distance must be 0 or more");
        }
    }

    public static ClientLimits defaults() {
        return new ClientLimits(false, 1_000, 100, 5);
    }
}
