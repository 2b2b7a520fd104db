package scot.cairn.tabulation.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import scot.cairn.tabulation.ApiKeys;

/**
 * Who the tabulation API's clients are and how much one request may send (prefix
 * {@code cairn.tabulation.}), checked at start.
 *
 * @param apiKeys         client name to the SHA-256 (hex) of the API key the operator issued it
 *                        ({@code cairn.tabulation.api-keys.<client>=<sha256>}; none by default). A key is
 *                        never configured in clear.
 * @param maxRequestBytes largest JSON body of a request to {@code /tabulate} or {@code /localities}
 *                        ({@code max-request-bytes}, default 262,144: a custom area of every data zone of
 *                        Scotland is about 84 KB); larger bodies get 413
 */
@ConfigurationProperties(prefix = "cairn.tabulation")
record TabulationClientProperties(
        @DefaultValue Map<String, String> apiKeys,
        @DefaultValue("262144") int maxRequestBytes) {

    TabulationClientProperties {
        apiKeys = Map.copyOf(apiKeys);
        if (maxRequestBytes < 1_024 || maxRequestBytes > 64 * 1_024 * 1_024) {
            throw new IllegalArgumentException(
                    "cairn.tabulation.max-request-bytes must be from 1024 to 67108864, got " + maxRequestBytes);
        }
        keys(apiKeys);
    }

    ApiKeys keys() {
        return keys(apiKeys);
    }

    private static ApiKeys keys(Map<String, String> apiKeys) {
        try {
            return ApiKeys.of(apiKeys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cairn.tabulation.api-keys: " + e.getMessage(), e);
        }
    }
}
