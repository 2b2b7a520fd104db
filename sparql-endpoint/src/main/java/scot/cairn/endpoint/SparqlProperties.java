package scot.cairn.endpoint;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the public SPARQL endpoint, bound from {@code cairn.sparql.*}.
 *
 * @param timeout                 time one query may run before it is cancelled and the client gets
 *                                {@code Request Timeout} ({@code cairn.sparql.timeout}, default 30s)
 * @param maxRows                 most result rows (SELECT) or triples (CONSTRUCT/DESCRIBE) one
 *                                response may hold; more gives {@code Response too large}
 *                                ({@code cairn.sparql.max-rows}, default 1000000)
 * @param maxBytes                most bytes (before compression) one response may hold; more gives
 *                                {@code Response too large} ({@code cairn.sparql.max-bytes}, default 256MB)
 * @param bufferBytes             responses up to this size are built in memory and can be cached;
 *                                larger ones go on into a temporary file in the store's scratch
 *                                folder, deleted once sent; both are checked against the limits
 *                                before they are sent whole, with a Content-Length
 *                                ({@code cairn.sparql.buffer-bytes}, default 1MB)
 * @param maxConcurrent           queries the whole endpoint runs at once; further queries wait up
 *                                to {@code queueTimeout} for a slot, then get 503
 *                                ({@code cairn.sparql.max-concurrent}, default 16)
 * @param maxConcurrentPerClient  queries one client address may run at once; more gives 429
 *                                ({@code cairn.sparql.max-concurrent-per-client}, default 4)
 * @param queueTimeout            see {@code maxConcurrent} ({@code cairn.sparql.queue-timeout}, default 10s)
 * @param trustForwardedFor       take the client address from the last {@code X-Forwarded-For}
 *                                entry (set this only behind a reverse proxy that appends it)
 *                                ({@code cairn.sparql.trust-forwarded-for}, default false)
 * @param maxQueryBytes           longest accepted query text ({@code cairn.sparql.max-query-bytes}, default 1MB)
 * @param cacheBytes              memory for cached whole responses, keyed by query, format and store
 *                                version; 0 disables the cache ({@code cairn.sparql.cache-bytes}, default 64MB)
 */
@ConfigurationProperties(prefix = "cairn.sparql")
public record SparqlProperties(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("1000000") long maxRows,
        @DefaultValue("256MB") DataSize maxBytes,
        @DefaultValue("1MB") DataSize bufferBytes,
        @DefaultValue("4") int maxConcurrentPerClient,
        @DefaultValue("16") int maxConcurrent,
        @DefaultValue("10s") Duration queueTimeout,
        @DefaultValue("false") boolean trustForwardedFor,
        @DefaultValue("1MB") DataSize maxQueryBytes,
        @DefaultValue("64MB") DataSize cacheBytes) {

    public SparqlProperties {
        Objects.requireNonNull(timeout, "cairn.sparql.timeout must be set");
        Objects.requireNonNull(maxBytes, "cairn.sparql.max-bytes must be set");
        Objects.requireNonNull(bufferBytes, "cairn.sparql.buffer-bytes must be set");
        Objects.requireNonNull(queueTimeout, "cairn.sparql.queue-timeout must be set");
        Objects.requireNonNull(maxQueryBytes, "cairn.sparql.max-query-bytes must be set");
        Objects.requireNonNull(cacheBytes, "cairn.sparql.cache-bytes must be set");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("cairn.sparql.timeout must be positive: " + timeout);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("cairn.sparql.max-rows must be at least 1: " + maxRows);
        }
        if (maxBytes.toBytes() < 1) {
            throw new IllegalArgumentException("cairn.sparql.max-bytes must be positive: " + maxBytes);
        }
        if (bufferBytes.toBytes() < 1 || bufferBytes.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "cairn.sparql.buffer-bytes must be between 1 byte and 2GB: " + bufferBytes);
        }
        if (maxConcurrentPerClient < 1) {
            throw new IllegalArgumentException(
                    "cairn.sparql.max-concurrent-per-client must be at least 1: " + maxConcurrentPerClient);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("cairn.sparql.max-concurrent must be at least 1: " + maxConcurrent);
        }
        if (queueTimeout.isNegative()) {
            throw new IllegalArgumentException("cairn.sparql.queue-timeout must not be negative: " + queueTimeout);
        }
        if (maxQueryBytes.toBytes() < 1 || maxQueryBytes.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "cairn.sparql.max-query-bytes must be between 1 byte and 2GB: " + maxQueryBytes);
        }
        if (cacheBytes.isNegative()) {
            throw new IllegalArgumentException("cairn.sparql.cache-bytes must not be negative: " + cacheBytes);
        }
    }

    /** The documented defaults (what an empty configuration binds to). */
    public static SparqlProperties defaults() {
        return new SparqlProperties(
                Duration.ofSeconds(30),
                1_000_000,
                DataSize.ofMegabytes(256),
                DataSize.ofMegabytes(1),
                4,
                16,
                Duration.ofSeconds(10),
                false,
                DataSize.ofMegabytes(1),
                DataSize.ofMegabytes(64));
    }
}
