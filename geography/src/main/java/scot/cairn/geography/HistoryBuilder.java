package scot.cairn.geography;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;

/**
 * Checks the rows of a {@link CodeHistory} against a lookup and each other, then builds the
 * geography with the archived areas: each archived area is named (its own name, or the one area
 * it became), dated, linked to what it replaced and what replaced it, and placed within the areas
 * that contained it while its code was in force (the containing areas of what it became, each
 * taken back to the code in force on its last day).
 */
final class HistoryBuilder {

    private final String file;
    private final List<CodeHistory.Row> rows;
    private final Geography lookup;
    private final Map<String, List<CodeHistory.Row>> byOld = new LinkedHashMap<>();
    private final Map<String, List<CodeHistory.Row>> byNew = new LinkedHashMap<>();

    HistoryBuilder(String file, List<CodeHistory.Row> rows, Geography lookup) {
        this.file = file;
        this.rows = rows;
        this.lookup = lookup;
        for (CodeHistory.Row r : rows) {
            byOld.computeIfAbsent(r.change().oldCode(), c -> new ArrayList<>()).add(r);
            byNew.computeIfAbsent(r.change().newCode(), c -> new ArrayList<>()).add(r);
        }
    }

    /** The rows that fit the lookup: the old code not in force there, the new code in force or archived later. */
    static List<CodeHistory.Row> fitting(List<CodeHistory.Row> rows, Geography lookup) {
        List<CodeHistory.Row> kept = new ArrayList<>(rows);
        boolean changed = true;
        while (changed) {
            Map<String, LocalDate> archivedOn = new HashMap<>();
            kept.forEach(
                    r -> archivedOn.putIfAbsent(r.change().oldCode(), r.change().date()));
            changed = kept.removeIf(r -> {
                CodeChange c = r.change();
                LocalDate later = archivedOn.get(c.newCode());
                boolean resolves = lookup.contains(c.newCode()) || (later != null && later.isAfter(c.date()));
                return lookup.contains(c.oldCode()) || !resolves;
            });
        }
        return kept;
    }

    Geography build() {
        check();
        Map<String, Lifecycle> lifecycles = lifecycles();
        List<String> archived = new ArrayList<>(byOld.keySet());
        // Latest first: what an area became is built before the area itself.
        archived.sort(Comparator.comparing((String c) -> date(c)).reversed().thenComparing(Comparator.naturalOrder()));
        Map<String, Geography.Area> built = new HashMap<>();
        for (String code : archived) {
            Lifecycle lifecycle = lifecycles.get(code);
            Set<String> within = new TreeSet<>(Geography.byLevelThenCode());
            String name = null;
            for (CodeHistory.Row r : byOld.get(code)) {
                if (name == null && r.change().oldName() != null) {
                    name = r.change().oldName();
                }
                Geography.Area successor = area(r.change().newCode(), built);
                for (String parent : successor.within()) {
                    within.addAll(inForce(parent, lifecycle.until(), lifecycles, 0));
                }
            }
            if (name == null) {
                name = area(lifecycle.replacedBy().get(0), built).name();
            }
            built.put(
                    code,
                    new Geography.Area(
                            code, name, byOld.get(code).get(0).change().level(), new ArrayList<>(within), lifecycle));
        }
        List<Geography.Area> areas = new ArrayList<>(built.values());
        for (var level : scot.cairn.vocab.AreaLevel.values()) {
            for (Geography.Area a : lookup.areas(level)) {
                Lifecycle l = lifecycles.get(a.code());
                areas.add(l == null ? a : new Geography.Area(a.code(), a.name(), a.level(), a.within(), l));
            }
        }
        return new Geography(areas);
    }

    private Geography.Area area(String code, Map<String, Geography.Area> built) {
        Geography.Area a = built.get(code);
        return a != null ? a : lookup.area(code).orElseThrow();
    }

    /** {@code code}, if it was in force on {@code day}; otherwise the codes it replaced that were. */
    private static Set<String> inForce(String code, LocalDate day, Map<String, Lifecycle> lifecycles, int depth) {
        Lifecycle l = lifecycles.getOrDefault(code, Lifecycle.CURRENT);
        if (l.inForceOn(day) || depth > lifecycles.size()) {
            return Set.of(code);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String earlier : l.replaces()) {
            out.addAll(inForce(earlier, day, lifecycles, depth + 1));
        }
        return out;
    }

    private LocalDate date(String oldCode) {
        return byOld.get(oldCode).get(0).change().date();
    }

    private Map<String, Lifecycle> lifecycles() {
        Map<String, Lifecycle> out = new HashMap<>();
        Set<String> codes = new HashSet<>(byOld.keySet());
        codes.addAll(byNew.keySet());
        for (String code : codes) {
            LocalDate from =
                    byNew.containsKey(code) ? byNew.get(code).get(0).change().date() : null;
            List<String> replaces = byNew.getOrDefault(code, List.of()).stream()
                    .map(r -> r.change().oldCode())
                    .sorted()
                    .distinct()
                    .toList();
            List<CodeHistory.Row> ends = byOld.get(code);
            if (ends == null) {
                out.put(code, Lifecycle.live(from, replaces));
            } else {
                List<String> replacedBy = ends.stream()
                        .map(r -> r.change().newCode())
                        .sorted()
                        .distinct()
                        .toList();
                boolean boundary = ends.stream().anyMatch(r -> r.change().boundaryChanged());
                out.put(code, new Lifecycle(false, from, date(code).minusDays(1), replaces, replacedBy, boundary));
            }
        }
        return out;
    }

    /** Every way the rows can contradict the lookup or each other, all reported together. */
    private void check() {
        List<InputError> errors = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        for (CodeHistory.Row r : rows) {
            CodeChange c = r.change();
            if (lookup.contains(c.oldCode())) {
                errors.add(
                        error(
                                r,
                                "old_code",
                                "live-code",
                                c.oldCode() + " is in the lookup, so it is in force: a history lists the codes "
                                        + "that are no longer in force (load the lookup that no longer has it, or leave this row out)"));
            }
            if (!pairs.add(c.oldCode() + " " + c.newCode())) {
                errors.add(error(
                        r, "new_code", "duplicate-change", c.oldCode() + " -> " + c.newCode() + " is given twice"));
            }
            LocalDate first = date(c.oldCode());
            if (!first.equals(c.date())) {
                errors.add(error(
                        r,
                        "date",
                        "conflicting-date",
                        c.oldCode() + " goes out of force on " + c.date() + " here but on " + first + " on line "
                                + byOld.get(c.oldCode()).get(0).line()));
            }
            checkSuccessor(r, errors);
            if (!c.boundaryChanged()
                    && (byOld.get(c.oldCode()).size() != 1
                            || byNew.get(c.newCode()).size() != 1)) {
                errors.add(error(
                        r,
                        "boundary_changed",
                        "code-only-not-one-to-one",
                        c.oldCode() + " -> " + c.newCode() + " says only the code changed, "
                                + "but "
                                + (byOld.get(c.oldCode()).size() != 1
                                        ? c.oldCode() + " was replaced by several codes"
                                        : c.newCode() + " replaced several codes")
                                + ": a split or a merge changes boundaries (write yes)"));
            }
            if (c.oldName() == null
                    && byOld.get(c.oldCode()).size() > 1
                    && byOld.get(c.oldCode()).get(0) == r) {
                errors.add(error(
                        r,
                        "old_code",
                        "name-needed",
                        c.oldCode() + " was replaced by several codes, so its name cannot be taken "
                                + "from the one it became: give it in the column old_name"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, false);
        }
    }

    private void checkSuccessor(CodeHistory.Row r, List<InputError> errors) {
        CodeChange c = r.change();
        if (lookup.contains(c.newCode())) {
            return;
        }
        List<CodeHistory.Row> later = byOld.get(c.newCode());
        if (later == null) {
            errors.add(error(
                    r,
                    "new_code",
                    "unknown-code",
                    c.newCode() + " is not in the lookup, and no row says what replaced it: "
                            + "a new code must be in force in the lookup or archived by a later row"));
        } else if (!later.get(0).change().date().isAfter(c.date())) {
            errors.add(error(
                    r,
                    "date",
                    "chain-order",
                    c.newCode() + " came into force on " + c.date() + " but went out of force on "
                            + later.get(0).change().date() + " (line "
                            + later.get(0).line() + "), not later"));
        }
    }

    private InputError error(CodeHistory.Row r, String column, String rule, String message) {
        return new InputError(file, r.line(), r.column(column), rule, message);
    }
}
