package scot.cairn.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.boundaries.BoundaryLoader;
import scot.cairn.loaders.boundaries.BoundaryProblem;
import scot.cairn.loaders.boundaries.BoundaryReport;
import scot.cairn.loaders.boundaries.InvalidBoundariesException;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.RemoteGraphStore;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Foi;
import scot.cairn.vocab.UriScheme;

/** Loads (or replaces) the boundaries of one geography level from a GeoJSON file. */
@Command(
        name = "load-boundaries",
        mixinStandardHelpOptions = true,
        header = "Load the boundaries of one geography level from a GeoJSON file.",
        description = {
            "Load the boundaries of one level (data zones, intermediate zones, councils, ...) from a GeoJSON",
            "FeatureCollection in WGS84 longitude/latitude, replacing that level's boundaries in one transaction.",
            "Every area code must be in the loaded geography; invalid polygons are repaired (and reported)."
        })
public final class LoadBoundariesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.geojson", description = "The GeoJSON FeatureCollection.")
    Path file;

    @Option(
            names = "--level",
            required = true,
            paramLabel = "LEVEL",
            description =
                    "The level of its areas: a code prefix (S01), a collection name (data-zones-2011) or a name (DATA_ZONE).")
    String level;

    @Option(
            names = "--code-property",
            paramLabel = "NAME",
            description =
                    "The feature property holding the area code (default: the first of dz11_code, iz11_code, ltla24_code, code present).")
    String codeProperty;

    @Option(
            names = "--geography",
            paramLabel = "LOOKUP.csv",
            description =
                    "Check area codes against this data zone lookup instead of the geography loaded in the store (or endpoint).")
    Path geography;

    @Option(
            names = "--attribution",
            paramLabel = "TEXT",
            description = {
                "The attribution the boundaries' licence requires, shown on every map drawn from them, e.g.",
                "'Copyright Scottish Government, contains Ordnance Survey data (c) Crown copyright and database right 2021'."
            })
    String attribution;

    @Mixin
    ReportingOptions reporting;

    @Mixin
    TargetOptions targetOptions;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        AreaLevel lvl = AreaLevel.parse(level).orElse(null);
        if (lvl == null) {
            System.err.println(
                    "error: unknown level '" + level + "' (use a code prefix such as S01, a collection name such as "
                            + "data-zones-2011, or a name such as DATA_ZONE)");
            return 2;
        }
        StoreOptions store = targetOptions.store;
        Progress progress = reporting.progress();
        // A new store has no geography to check codes against, so only --geography may start one.
        try (PublishTarget opened = targetOptions.openTarget(geography != null);
                PublishTarget target = new ProgressTarget(opened, progress, true)) {
            Set<String> known = knownCodes(lvl, opened);
            if (known.isEmpty()) {
                System.err.println("error: the geography in " + target.describe() + " has no " + lvl.collectionLabel()
                        + ": run 'cairn load-geography LOOKUP.csv' first, or give --geography LOOKUP.csv");
                return 1;
            }
            progress.step("reading " + file);
            BoundaryReport report = new BoundaryLoader(store.uris(), reporting.maxErrors)
                    .withAttribution(attribution)
                    .load(file, lvl, codeProperty, known, target);
            for (BoundaryProblem w : report.warnings()) {
                System.err.println("warning: " + w);
            }
            System.out.printf(
                    "%s%nloaded into %s in %.1f s%n",
                    report.summary(), target.describe(), (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (InvalidBoundariesException | InvalidInputException e) {
            progress.endLine();
            System.err.println(e.getMessage());
            return 1;
        } catch (PublicationException | IllegalArgumentException | java.io.UncheckedIOException e) {
            progress.endLine();
            System.err.println("error: " + CairnCommand.describe(e));
            return 1;
        }
    }

    /** The codes of the level's areas: from --geography, the embedded store, or the endpoint's geography graph. */
    private Set<String> knownCodes(AreaLevel lvl, PublishTarget target) {
        if (geography != null) {
            return BoundaryLoader.codes(new GeographyLoader(targetOptions.store.uris()).read(geography, null), lvl);
        }
        if (target instanceof TripleStore embedded) {
            return BoundaryLoader.codes(Geography.fromStore(embedded, targetOptions.store.uris()), lvl);
        }
        if (!(target instanceof RemoteGraphStore remote)) {
            throw new IllegalStateException("neither the embedded store nor an endpoint: " + target.describe());
        }
        // A running server's (or any) endpoint: ask its query service for the level's codes.
        UriScheme uris = targetOptions.store.uris();
        String query = "SELECT ?code WHERE { GRAPH <" + uris.geographyGraph() + "> { ?area <" + Foi.code.getURI()
                + "> ?code ; <" + Foi.memberOf.getURI() + "> <" + uris.collection(lvl.collectionName()) + "> } }";
        Set<String> codes = new HashSet<>();
        try {
            remote.querySelect(query, row -> codes.add(row.getLiteral("code").getLexicalForm()));
        } catch (RuntimeException e) {
            throw new PublicationException(
                    "cannot read the geography from " + targetOptions.endpoint.replaceAll("/+$", "") + "/query: "
                            + CairnCommand.describe(e) + " (or give --geography LOOKUP.csv)",
                    e);
        }
        return codes;
    }
}
