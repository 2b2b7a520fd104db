package scot.cairn.versions;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on serving earlier versions of datasets ({@code /versions/sparql} and the version
 * downloads), bound from {@code cairn.versions.*} and checked when the server starts.
 *
 * <p>An earlier version is built once into a store on disk and kept there (docs/versions.md,
 * "Limits on old versions"), so the heap a request needs does not grow with the size of a
 * version; what these limits bound is disk, time and how many requests work at once.
 *
 * @param cacheTriples  most triples the versions kept built on disk hold together, least recently
 *                      used dropped first; also the most one request may need built (the
 *                      current version costs nothing). About 200 bytes of disk per triple: the
 *                      default 10,000,000 is about 2 GB ({@code cairn.versions.cache-triples})
 * @param maxBuilds     versions built at once in the whole server ({@code cairn.versions.max-builds}, default 1)
 * @param maxConcurrent requests that read earlier versions at once; more wait up to
 *                      {@code queueTimeout}. A query over versions often scans them whole, so more
 *                      at once than the machine has cores only makes each slower, until all of
 *                      them run out of time ({@code cairn.versions.max-concurrent}, default 2)
 * @param queueTimeout  how long a request waits for a build slot or a reading slot before it gets
 *                      503 with {@code Retry-After} ({@code cairn.versions.queue-timeout}, default 2s)
 * @param timeout       time for a whole request, building included; past it the client gets
 *                      {@code Request Timeout} ({@code cairn.versions.timeout}, default 30s)
 * @param buildTimeout  time a build may take: it goes on after the requests that wanted it have
 *                      had their {@code Request Timeout}, so that a version that takes longer to
 *                      build than one request may wait is built once and found built by the next
 *                      request, instead of being started again by every request and never
 *                      finished; past it (and past the deadline of every request still waiting)
 *                      the build stops and its folder is deleted. {@code 0s} stops a build with
 *                      the last request waiting for it ({@code cairn.versions.build-timeout},
 *                      default 5m)
 */
@ConfigurationProperties(prefix = "cairn.versions")
public record VersionLimits(
        @DefaultValue("10000000") long cacheTriples,
        @DefaultValue("1") int maxBuilds,
        @DefaultValue("2") int maxConcurrent,
        @DefaultValue("2s") Duration queueTimeout,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("5m") Duration buildTimeout) {

    public VersionLimits {
        Objects.requireNonNull(queueTimeout, "cairn.versions.queue-timeout must be set");
        Objects.requireNonNull(timeout, "cairn.versions.timeout must be set");
        Objects.requireNonNull(buildTimeout, "cairn.versions.build-timeout must be set");
        if (cacheTriples < 1) {
            throw new IllegalArgumentException("cairn.versions.cache-triples must be at least 1: " + cacheTriples);
        }
        if (maxBuilds < 1) {
            throw new IllegalArgumentException("cairn.versions.max-builds must be at least 1: " + maxBuilds);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("cairn.versions.max-concurrent must be at least 1: " + maxConcurrent);
        }
        if (queueTimeout.isNegative()) {
            throw new IllegalArgumentException("cairn.versions.queue-timeout must not be negative: " + queueTimeout);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("cairn.versions.timeout must be positive: " + timeout);
        }
        if (buildTimeout.isNegative()) {
            throw new IllegalArgumentException("cairn.versions.build-timeout must not be negative: " + buildTimeout);
        }
    }

    /** The documented defaults (what an empty configuration binds to). */
    public static VersionLimits defaults() {
        return new VersionLimits(
                10_000_000, 1, 2, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** These limits with another budget ({@code cacheTriples}). */
    public VersionLimits withCacheTriples(long triples) {
        return new VersionLimits(triples, maxBuilds, maxConcurrent, queueTimeout, timeout, buildTimeout);
    }
}
