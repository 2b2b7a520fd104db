package scot.cairn.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import scot.cairn.geography.Geography;
import scot.cairn.geography.Lifecycle;

/** The sentence an area page gives about its code's history: when it was in force and what replaced what. */
final class AreaHistoryText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private AreaHistoryText() {}

    /** Empty for a live area with no recorded history. */
    static String of(Geography.Area area, Geography geography) {
        Lifecycle life = area.lifecycle();
        if (!life.live()) {
            String until = "This code was in force until " + day(life.until())
                    + (life.from() == null ? "" : ", from " + day(life.from())) + ". ";
            String successors = names(life.replacedBy(), geography);
            if (life.boundaryChanged()) {
                return until + "On " + day(life.until().plusDays(1)) + " it was replaced by " + successors
                        + ", whose boundary is different, so the figures published for this code are kept apart from theirs.";
            }
            return until + "On " + day(life.until().plusDays(1)) + " the same area took the code of " + successors
                    + ": only the code changed, so its figures count as that area's.";
        }
        if (life.replaces().isEmpty()) {
            return "";
        }
        return "In force" + (life.from() == null ? "" : " since " + day(life.from())) + ", when it replaced "
                + names(life.replaces(), geography) + ".";
    }

    private static String names(List<String> codes, Geography geography) {
        return String.join(
                " and ",
                codes.stream()
                        .map(c -> geography
                                .area(c)
                                .map(a -> a.name() + " (" + c + ")")
                                .orElse(c))
                        .toList());
    }

    private static String day(LocalDate d) {
        return DAY.format(d);
    }
}
