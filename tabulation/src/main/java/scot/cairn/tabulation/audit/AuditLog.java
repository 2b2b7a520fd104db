package scot.cairn.tabulation.audit;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.tabulation.TabulationRequest;
import scot.cairn.tabulation.TabulationResult;

/**
 * One line per table request to the logger {@code cairn.audit}: when, who (the client's id, never
 * a secret), what was asked (dataset, variables, geography, filters, measure), the outcome (cells,
 * areas, or the rule that refused it), how many values each reason withheld (the reasons the
 * published flag does not tell), whether it came from the cache and how long it took. Never
 * record-level data.
 */
public final class AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger("cairn.audit");

    private AuditLog() {}

    /** A table released (or served from the cache); {@code withheldBy} counts withheld values by reason. */
    public static void released(
            TabulationRequest request,
            String client,
            TabulationResult r,
            Map<String, Integer> withheldBy,
            long startNanos,
            boolean cached) {
        if (AUDIT.isInfoEnabled()) {
            String reasons = withheldBy.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + "(" + e.getValue() + ")")
                    .collect(Collectors.joining(",", "[", "]"));
            write(
                    request,
                    client,
                    "cells=" + r.cells().size() + " areas=" + r.areas().size() + " blockedAreas="
                            + r.blocked().size() + " withheld=" + reasons,
                    startNanos,
                    cached);
        }
    }

    /** A request refused by a rule. */
    public static void refused(TabulationRequest request, String client, String rule, long startNanos) {
        if (AUDIT.isInfoEnabled()) {
            write(request, client, "refused rule=" + rule, startNanos, false);
        }
    }

    private static void write(
            TabulationRequest request, String client, String outcome, long startNanos, boolean cached) {
        TabulationRequest.Geography g = request.geography();
        String geo;
        if (g.level() != null) {
            geo = "level:" + g.level();
        } else if (g.areas() != null) {
            geo = "areas:" + g.areas().size();
        } else if (g.dataZones() != null) {
            geo = "custom:" + g.dataZones().size() + "dz";
        } else {
            geo = "locality:" + g.locality();
        }
        AUDIT.info(
                "tabulate client={} dataset={} variables={} geography={} filters={} measure={}{} {} cached={} ms={}",
                client,
                request.dataset(),
                request.variables(),
                geo,
                request.filters(),
                request.measure(),
                request.magnitude() == null ? "" : ":" + request.magnitude(),
                outcome,
                cached,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e6));
    }
}
