package scot.cairn.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.DatasetSummary;
import scot.cairn.web.WebModel.Level;
import scot.cairn.web.WebModel.Ref;

/**
 * The catalogue the home page lists and searches: every published dataset with its metadata,
 * the words it is found by ({@link SearchWords}), and the codes of the areas it has figures for
 * (which area pages use to list "statistics for the areas inside it"). Read once per store version.
 */
public class CatalogueReader {
    private final TripleStore store;
    private final UriScheme uris;
    private final VersionMemo memo;

    /** One read of the catalogue: the summaries by title, the text each is found by, and its areas' codes by level. */
    private record Read(
            List<DatasetSummary> datasets,
            Map<String, SearchWords.Text> text,
            Map<String, Map<AreaLevel, Set<String>>> areas) {}

    public CatalogueReader(TripleStore store, UriScheme uris) {
        this.store = store;
        this.uris = uris;
        this.memo = new VersionMemo(store);
    }

    private Read read() {
        return memo.get(
                "catalogue",
                () -> store.read(dsg -> {
                    Rdf rdf = new Rdf(dsg);
                    List<DatasetSummary> out = new ArrayList<>();
                    Map<String, SearchWords.Text> text = new HashMap<>();
                    Map<String, Map<AreaLevel, Set<String>>> areas = new HashMap<>();
                    for (Node ds : rdf.subjects(RDF.type.asNode(), QB.DataSet.asNode())) {
                        Optional<String> slug = slugOf(ds);
                        if (slug.isPresent()) {
                            Map<AreaLevel, Set<String>> byLevel = new TreeMap<>();
                            DatasetSummary d = summary(rdf, ds, slug.get(), byLevel);
                            out.add(d);
                            text.put(d.slug(), SearchWords.Text.of(d.title() + " " + d.description()));
                            areas.put(d.slug(), byLevel);
                        }
                    }
                    out.sort(
                            Comparator.comparing((DatasetSummary d) -> d.title().toLowerCase(Locale.ROOT))
                                    .thenComparing(DatasetSummary::uri));
                    return new Read(List.copyOf(out), Map.copyOf(text), Map.copyOf(areas));
                }));
    }

    /** Every published dataset, by title. */
    public List<DatasetSummary> catalogue() {
        return read().datasets();
    }

    /** The codes of the areas at each level a dataset has figures for (empty for an unknown slug). */
    Map<AreaLevel, Set<String>> areasOf(String slug) {
        return read().areas().getOrDefault(slug, Map.of());
    }

    /**
     * The catalogue filtered by theme, level and publisher (URI, code or label) and by words in
     * title or description, matched by their stems ("deprived" finds "deprivation").
     */
    public List<DatasetSummary> search(String text, String theme, String level, String publisher) {
        Read r = read();
        return r.datasets().stream()
                .filter(d -> {
                    if (!blank(theme) && d.themes().stream().noneMatch(x -> x.matches(theme))) {
                        return false;
                    }
                    if (!blank(publisher) && d.publishers().stream().noneMatch(x -> x.matches(publisher))) {
                        return false;
                    }
                    if (!blank(level)
                            && d.levels().stream().noneMatch(l -> l.name().equalsIgnoreCase(level.strip()))) {
                        return false;
                    }
                    return blank(text) || r.text().get(d.slug()).matches(text);
                })
                .toList();
    }

    /** The distinct values of a catalogue facet, by label. */
    public List<Ref> facet(Function<DatasetSummary, List<Ref>> refs) {
        Map<String, Ref> byUri = new TreeMap<>();
        catalogue().forEach(d -> refs.apply(d).forEach(r -> byUri.putIfAbsent(r.uri(), r)));
        return byUri.values().stream().sorted(Comparator.comparing(Ref::label)).toList();
    }

    /** The levels any dataset has data at, smallest first. */
    public List<Level> levelFacet() {
        Set<Level> levels = new LinkedHashSet<>();
        catalogue().forEach(d -> levels.addAll(d.levels()));
        return levels.stream().sorted(Comparator.comparingInt(Level::rank)).toList();
    }

    private Optional<String> slugOf(Node ds) {
        if (!ds.isURI() || !uris.mints(ds.getURI())) {
            return Optional.empty();
        }
        String local = uris.localPath(ds.getURI());
        return local.startsWith("data/") && Slugs.isSlug(local.substring(5))
                ? Optional.of(local.substring(5))
                : Optional.empty();
    }

    /** A dataset's summary; {@code areasByLevel}, when given, receives the codes of its areas by level. */
    static DatasetSummary summary(Rdf rdf, Node ds, String slug, Map<AreaLevel, Set<String>> areasByLevel) {
        String title = rdf.text(ds, Dcterms.title.asNode());
        List<Area> areas = CubeStructure.codes(rdf, ds, CubeStructure.REF_AREA).stream()
                .map(n -> CubeStructure.area(rdf, n))
                .toList();
        Set<Level> levels = new LinkedHashSet<>();
        areas.stream()
                .map(Area::level)
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparingInt(Level::rank))
                .forEach(levels::add);
        if (areasByLevel != null) {
            for (Area a : areas) {
                AreaLevel.ofCode(a.code())
                        .ifPresent(l -> areasByLevel
                                .computeIfAbsent(l, k -> new HashSet<>())
                                .add(a.code()));
            }
        }
        Node license = rdf.object(ds, Dcterms.license.asNode());
        return new DatasetSummary(
                slug,
                ds.getURI(),
                title.isEmpty() ? rdf.label(ds) : title,
                rdf.text(ds, Dcterms.description.asNode()),
                CubeStructure.refs(rdf, ds, Dcterms.publisher.asNode()),
                CubeStructure.refs(rdf, ds, Dcat.theme.asNode()),
                List.copyOf(levels),
                rdf.text(ds, Dcterms.issued.asNode()),
                rdf.text(ds, Dcterms.modified.asNode()),
                rdf.text(ds, Pmd.nextUpdateDue.asNode()),
                license == null ? "" : license.isURI() ? license.getURI() : license.getLiteralLexicalForm());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
