package scot.cairn.endpoint;

import java.util.Map;

/**
 * More for {@code GET /health} than the store's state: a server's replication role and how far
 * behind it is. Provide one as a bean; without one {@code /health} says {@code "role":"single"}.
 */
public interface HealthDetails {

    /** Members added to the health answer (strings, numbers, booleans or null). */
    Map<String, Object> details();

    /** False when the server should be taken out of a balancer's rotation (answered with 503). */
    boolean ready();
}
