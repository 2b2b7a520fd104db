package scot.cairn.web;

import java.util.List;
import java.util.Objects;

/** The immutable values the pages show; templates call their accessors. */
public final class WebModel {
    private WebModel() {}

    /** A linked thing with its label. */
    public record Ref(String uri, String label) {
        public Ref {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(label, "label");
        }

        /** The code or slug: the URI's last segment. */
        public String code() {
            return Rdf.lastSegment(uri);
        }

        boolean matches(String wanted) {
            String w = wanted.strip();
            return uri.equals(w) || code().equalsIgnoreCase(w) || label.equalsIgnoreCase(w);
        }
    }

    /** A geography level: its collection name (e.g. {@code council-areas}), label, singular label and rank (smallest first). */
    public record Level(String name, String label, String singular, int rank) {}

    /** One dataset as the catalogue lists it; absent dates are empty strings. */
    public record DatasetSummary(
            String slug,
            String uri,
            String title,
            String description,
            List<Ref> publishers,
            List<Ref> themes,
            List<Level> levels,
            String issued,
            String modified,
            String nextUpdateDue,
            String license) {
        public DatasetSummary {
            publishers = List.copyOf(publishers);
            themes = List.copyOf(themes);
            levels = List.copyOf(levels);
        }

        public String publisherLabels() {
            return String.join(", ", publishers.stream().map(Ref::label).toList());
        }

        public String themeLabels() {
            return String.join(", ", themes.stream().map(Ref::label).toList());
        }

        public String levelLabels() {
            return String.join(", ", levels.stream().map(Level::label).toList());
        }

        /** The date of the last modification (else of issue), or "not stated". */
        public String lastUpdated() {
            String d = !modified.isBlank() ? modified : issued;
            return d.isBlank() ? "not stated" : d.length() > 10 && d.charAt(10) == 'T' ? d.substring(0, 10) : d;
        }
    }

    /** A dimension of a dataset's structure with the codes its data uses. */
    public record Dimension(String uri, String label, List<Ref> codes) {
        public Dimension {
            codes = List.copyOf(codes);
        }
    }

    /** A measure type with the units its observations carry. */
    public record Measure(String uri, String label, List<Ref> units) {
        public Measure {
            units = List.copyOf(units);
        }

        public String unitLabels() {
            return String.join(", ", units.stream().map(Ref::label).toList());
        }
    }

    /** An area: code, name, level. */
    public record Area(String uri, String code, String name, Level level) {}

    /** Everything the dataset page shows about a dataset's metadata, structure and release history (newest version first). */
    public record DatasetDetail(
            DatasetSummary summary,
            String qualityNotes,
            String contact,
            String source,
            List<Ref> creators,
            List<Area> areas,
            List<Ref> periods,
            List<Measure> measures,
            List<Dimension> dimensions,
            List<Version> versions) {
        public DatasetDetail {
            creators = List.copyOf(creators);
            areas = List.copyOf(areas);
            periods = List.copyOf(periods);
            measures = List.copyOf(measures);
            dimensions = List.copyOf(dimensions);
            versions = List.copyOf(versions);
        }

        public String creatorLabels() {
            return String.join(", ", creators.stream().map(Ref::label).toList());
        }

        /**
         * A citation of the current version, in the "publisher (year). title, version n (kind,
         * published date) [Data set]. URI." form most style guides accept, as the linked-data page
         * gives it; without versions, of the dataset as last updated.
         */
        public String citation() {
            String publisher = summary.publisherLabels();
            String who = publisher.isEmpty() ? "" : publisher + " ";
            if (versions.isEmpty()) {
                String date = summary.lastUpdated();
                return who + "("
                        + (date.length() >= 4 && Character.isDigit(date.charAt(0)) ? date.substring(0, 4) : "n.d.")
                        + "). " + summary.title() + " [Data set]. " + summary.uri() + ".";
            }
            Version v = versions.get(0);
            String date = v.issued().length() >= 10 ? v.issued().substring(0, 10) : v.issued();
            return who + "(" + (date.length() >= 4 ? date.substring(0, 4) : "n.d.") + "). " + summary.title()
                    + ", version " + v.number()
                    + " (" + v.kind() + ", published " + date + ") [Data set]. " + v.uri() + "."
                    + (v.checksum().isEmpty() ? "" : " Content checksum " + v.checksum() + ".");
        }
    }

    /** One release of a dataset: its number, URI and local page, date, kind (update or correction), change note and content checksum. */
    public record Version(
            int number, String uri, String href, String issued, String kind, String note, String checksum) {
        /** The date part of the release time. */
        public String date() {
            return issued.length() >= 10 ? issued.substring(0, 10) : issued;
        }
    }

    /**
     * One observation row of a slice preview; {@code others} follow the dataset's other
     * dimensions; {@code value} is the published lexical form, {@code shown} the same formatted
     * by its datatype ({@link ValueFormat}).
     */
    public record Row(
            Area area,
            String period,
            List<String> others,
            String measure,
            String value,
            String shown,
            String unit,
            String status) {}

    /** A group of areas at one level, as an area page lists them. */
    public record AreaGroup(Level level, List<Area> areas) {}

    /**
     * A dataset with figures for an area ({@code level} null) or for {@code count} areas of
     * {@code level} inside it, as an area page lists it; {@code code} is the area's code the
     * figures are published under (an earlier code of the same area when only the code changed).
     */
    public record AreaDataset(DatasetSummary dataset, Level level, int count, String areaName, String code) {
        /** Which figures, in words: "for Aberdeen City", "for its 283 data zones". */
        public String coverage() {
            if (level == null) {
                return "figures for " + areaName;
            }
            String label = level.label().replaceAll(" \\d{4}$", "").toLowerCase(java.util.Locale.ROOT);
            return "figures for its " + String.format(java.util.Locale.UK, "%,d", count) + " "
                    + (count == 1
                            ? level.singular().replaceAll(" \\d{4}$", "").toLowerCase(java.util.Locale.ROOT)
                            : label);
        }
    }

    /**
     * An area page: the area, every area containing it (largest first), sub-areas by level,
     * statistics for it and inside it, and its code's history: a sentence (empty when there is
     * none), the areas it replaced and the areas that replaced it.
     */
    public record AreaPage(
            Area area,
            List<Area> within,
            List<AreaGroup> children,
            List<AreaDataset> datasets,
            String history,
            List<Area> replaces,
            List<Area> replacedBy) {
        public AreaPage {
            Objects.requireNonNull(history, "history");
            replaces = List.copyOf(replaces);
            replacedBy = List.copyOf(replacedBy);
        }
    }

    /** One point of a time series: the period's label, its value (null when not available), status and unit. */
    public record Point(String period, Double value, String status, String unit) {
        /** The value as the page shows it. */
        public String shown() {
            return value == null ? "not available" : ValueFormat.number(value);
        }
    }
}
