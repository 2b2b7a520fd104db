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
    public record DatasetSummary(String slug, String uri, String title, String description, List<Ref> publishers,
                                 List<Ref> themes, List<Level> levels, String issued, String modified,
                                 String nextUpdateDue, String license) {
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

    /** Everything the dataset page shows about a dataset's metadata and structure. */
    public record DatasetDetail(DatasetSummary summary, String qualityNotes, String contact, String source, List<Ref> creators,
                                List<Area> areas, List<Ref> periods, List<Measure> measures, List<Dimension> dimensions) {
        public DatasetDetail {
            creators = List.copyOf(creators);
            areas = List.copyOf(areas);
            periods = List.copyOf(periods);
            measures = List.copyOf(measures);
            dimensions = List.copyOf(dimensions);
        }

        public String creatorLabels() {
            return String.join(", ", creators.stream().map(Ref::label).toList());
        }
    }

    /** One observation row of a slice preview; {@code others} follow the dataset's other dimensions. */
    public record Row(Area area, String period, List<String> others, String measure, String value, String unit, String status) {}

    /** A group of areas at one level, as an area page lists them. */
    public record AreaGroup(Level level, List<Area> areas) {}

    /** An area page: the area, every area containing it (largest first), sub-areas by level, datasets. */
    public record AreaPage(Area area, List<Area> within, List<AreaGroup> children, List<DatasetSummary> datasets) {}

    /** One point of a time series: the period's label and its value (null when not available) with status. */
    public record Point(String period, Double value, String status) {
        /** The value as the page shows it. */
        public String shown() {
            return value == null ? "not available" : SvgChart.number(value);
        }
    }
}
