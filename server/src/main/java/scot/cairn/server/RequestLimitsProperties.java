package scot.cairn.server;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import scot.cairn.store.RequestBudget;

/**
 * The time and memory budget of each request to the public endpoints that have none of their own
 * (linked-data pages, downloads, slices, maps, profiles, web pages; {@code cairn.requests.*},
 * docs/operations.md): past either, the request's reads of the store stop and it gets 503 with
 * {@code Retry-After}, or, when its answer has already started, the answer ends there.
 *
 * @param timeout          time a page, slice, map or profile request may take
 * @param downloadTimeout  time a download may take (a whole cube streams for minutes)
 * @param maxQuads         most quads one page, slice, map or profile request may read from the
 *                         store: its memory budget, since it builds what it shows from what it
 *                         reads; 0 for no limit. Downloads stream and have no such limit
 */
@ConfigurationProperties(prefix = "cairn.requests")
public record RequestLimitsProperties(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("10m") Duration downloadTimeout,
        @DefaultValue("5000000") long maxQuads) {

    public RequestLimitsProperties {
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        downloadTimeout = downloadTimeout == null ? Duration.ofMinutes(10) : downloadTimeout;
        if (timeout.isNegative() || timeout.isZero() || downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "cairn.requests.timeout and cairn.requests.download-timeout must be positive");
        }
        if (maxQuads < 0) {
            throw new IllegalArgumentException("cairn.requests.max-quads cannot be negative (0: no limit)");
        }
    }

    RequestBudget.Limits pages() {
        return new RequestBudget.Limits(timeout, maxQuads);
    }

    RequestBudget.Limits downloads() {
        return new RequestBudget.Limits(downloadTimeout, 0);
    }
}
