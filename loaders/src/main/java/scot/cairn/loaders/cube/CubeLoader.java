package scot.cairn.loaders.cube;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;
import scot.cairn.vocab.UriScheme;

/**
 * Turns a tidy (or wide) CSV file and its {@link CubeDefinition} into an RDF Data Cube dataset
 * in the statistics.gov.scot shape, and publishes it atomically.
 *
 * <p>A load streams the file once: every row is validated (area known and at an allowed
 * level, period well formed, measure type and unit declared and consistent, codes in their
 * lists, value a number or a declared marker, no duplicate observation) and, while no error has
 * been found, its observation is written inside the target's replacement of the dataset's two
 * graphs ({@code {base}graph/{slug}} and {@code .../metadata}). Any error aborts that
 * replacement, so the previously published version stays exactly as it was; readers see the old
 * version or the new one, never a mix.
 *
 * <p>Instances are immutable and may be shared; {@link #withMaxErrors} and {@link #withProgress}
 * return modified copies.
 */
public final class CubeLoader {

    static {
        // Jena must initialise before its vocabulary classes are touched, or its class-init order breaks.
        org.apache.jena.sys.JenaSystem.init();
    }

    /** Errors collected before a validation stops, unless configured otherwise. */
    public static final int DEFAULT_MAX_ERRORS = 100;

    private final UriScheme uris;
    private final AreaDirectory areas;
    private final int maxErrors;
    private final LoadProgress progress;

    public CubeLoader(UriScheme uris, AreaDirectory areas) {
        this(uris, areas, DEFAULT_MAX_ERRORS, LoadProgress.NONE);
    }

    private CubeLoader(UriScheme uris, AreaDirectory areas, int maxErrors, LoadProgress progress) {
        this.uris = Objects.requireNonNull(uris, "uris must not be null");
        this.areas = Objects.requireNonNull(areas, "areas must not be null");
        if (maxErrors < 1) {
            throw new IllegalArgumentException("the error limit must be at least 1, not " + maxErrors);
        }
        this.maxErrors = maxErrors;
        this.progress = Objects.requireNonNull(progress, "progress must not be null");
    }

    /** A loader that stops after {@code max} errors (default {@value #DEFAULT_MAX_ERRORS}). */
    public CubeLoader withMaxErrors(int max) {
        return new CubeLoader(uris, areas, max, progress);
    }

    /** A loader that reports progress to {@code listener} a few times a second. */
    public CubeLoader withProgress(LoadProgress listener) {
        return new CubeLoader(uris, areas, maxErrors, listener);
    }

    /**
     * Checks a file against its definition without publishing anything.
     *
     * @return the report, listing every error found up to the limit
     */
    public ValidationReport validate(CubeDefinition definition, Path csv) {
        long start = System.nanoTime();
        CubeWriter writer;
        try (CubeRows rows = CubeRows.open(definition, csv, maxErrors)) {
            long[] count = {0};
            writer = new CubeWriter(definition, uris, areas, rows.fileName(), maxErrors, progress, q -> count[0]++);
            run(rows, writer);
            writer.finish();
            return new ValidationReport(
                    definition.slug(),
                    writer.observations(),
                    writer.quads(),
                    writer.statuses(),
                    List.of(),
                    false,
                    seconds(start));
        } catch (InvalidInputException e) {
            return new ValidationReport(
                    definition.slug(), 0, 0, java.util.Map.of(), e.errors(), e.truncated(), seconds(start));
        }
    }

    /**
     * Validates and publishes a file, replacing any earlier version of the dataset in one unit.
     *
     * @throws InvalidInputException when the file breaks a rule; nothing was changed in the target
     * @throws PublicationException  when the target fails; nothing was changed in the target
     */
    public LoadReport load(CubeDefinition definition, Path csv, PublishTarget target) {
        long start = System.nanoTime();
        // The header is checked before the target is touched, so a wrong file fails fast.
        CubeRows rows = CubeRows.open(definition, csv, maxErrors);
        CubeWriter[] used = new CubeWriter[1];
        long quads;
        try (rows) {
            quads = target.replaceGraphs(new GraphReplacement(graphs(definition.slug()), sink -> {
                CubeWriter writer = new CubeWriter(definition, uris, areas, rows.fileName(), maxErrors, progress, sink);
                used[0] = writer;
                run(rows, writer);
                writer.finish();
            }));
        } catch (PublicationException e) {
            if (e.getCause() instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw e;
        }
        return new LoadReport(definition.slug(), used[0].observations(), quads, seconds(start));
    }

    /** Removes a dataset (its data and metadata graphs) in one unit. */
    public void delete(String slug, PublishTarget target) {
        target.dropGraphs(graphs(slug));
    }

    /** The named graphs a dataset occupies: data, then metadata. */
    public List<String> graphs(String slug) {
        return List.of(uris.graph(slug), uris.metadataGraph(slug));
    }

    private static void run(CubeRows rows, CubeWriter writer) {
        rows.forEach(writer::row, writer::error);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
