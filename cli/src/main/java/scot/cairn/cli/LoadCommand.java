package scot.cairn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.Release;
import scot.cairn.versions.VersionedTarget;

/** Validates and publishes a dataset, replacing any earlier version atomically. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        header = "Validate a CSV file and publish it as the dataset's new version.",
        description = {
            "Validate a CSV file against its cube definition and publish it as the dataset's new version, changing",
            "its graphs in one transaction. Identical content creates no version (and says so). On any error nothing",
            "changes, the errors are printed and the exit code is 1."
        })
public final class LoadCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEFINITION.yaml", description = "The cube definition.")
    Path definition;

    @Parameters(index = "1", paramLabel = "DATA.csv", description = "The data file.")
    Path csv;

    @Mixin
    ReportingOptions reporting;

    @Option(
            names = "--note",
            paramLabel = "TEXT",
            description =
                    "Change note of the new version, shown in its history and citation (default: \"Published from FILE\").")
    String note;

    @Option(
            names = "--kind",
            defaultValue = "update",
            paramLabel = "update|correction",
            description =
                    "Whether the new version is a routine update or the correction of an error (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(
            names = "--keep-versions",
            paramLabel = "N",
            description =
                    "From now on keep only the N newest versions of this dataset (0: all; cited versions are always kept).")
    Integer keepVersions;

    @Mixin
    TargetOptions target;

    @Mixin
    CubeCommandSupport cube;

    @Mixin
    ProfileTablesOptions profileTables;

    @Override
    public Integer call() {
        Progress progress = reporting.progress();
        try {
            CubeDefinition def = CubeDefinition.read(definition);
            Release release =
                    new Release(note != null ? note : "Published from " + csv.getFileName(), Release.Kind.parse(kind));
            if (target.remote()) {
                Integer answered = sendToServer(release, progress);
                if (answered != null) {
                    return answered;
                }
            }
            return publish(def, release, progress);
        } catch (InvalidInputException e) {
            progress.endLine();
            CubeCommandSupport.printErrors(e, System.err);
            System.err.println("nothing was published");
            return 1;
        } catch (PublicationException | IllegalArgumentException | java.io.UncheckedIOException e) {
            progress.endLine();
            System.err.println("error: " + CairnCommand.describe(e));
            return 1;
        }
    }

    /**
     * Sends the definition and CSV to a remote endpoint's publish URI; the exit code, or null when
     * the endpoint is not a Cairn server (404) and gets the graphs instead.
     */
    private Integer sendToServer(Release release, Progress progress) {
        // A Cairn server validates and versions the dataset itself; any other Graph Store gets the graphs.
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("note", release.note());
        fields.put("kind", release.kind().label());
        fields.put("keep-versions", keepVersions == null ? null : keepVersions.toString());
        fields.put("max-errors", Integer.toString(reporting.maxErrors));
        cube.refuseLocalOnlyOptions();
        if (cube.skipGeographyCheck) {
            fields.put("skip-geography-check", "true");
        }
        progress.step("sending " + csv.getFileName() + " to " + RemoteDatasetPublish.publishUri(target.endpoint));
        RemoteDatasetPublish.Answer answer =
                RemoteDatasetPublish.send(target.endpoint, target.user, target.password, definition, csv, fields);
        if (answer.status() != 404) {
            (answer.status() == 200 ? System.out : System.err).print(answer.body());
            if (answer.status() != 200) {
                System.err.println(
                        "(" + RemoteDatasetPublish.publishUri(target.endpoint) + " answered " + answer.status() + ")");
            }
            return answer.status() == 200 ? 0 : 1;
        }
        return null;
    }

    /** Loads the cube into the target: versioned in an embedded store, the graphs replaced in any other. */
    private Integer publish(CubeDefinition def, Release release, Progress progress) {
        StoreOptions store = target.store;
        try (PublishTarget opened = target.openTarget()) {
            PublishTarget out = new ProgressTarget(opened, progress, false);
            TripleStore embedded = opened instanceof TripleStore t ? t : null;
            CubeLoader loader = new CubeLoader(store.uris(), cube.areas(store, embedded))
                    .withMaxErrors(reporting.maxErrors)
                    .withProgress(progress.rows());
            if (embedded == null) {
                LoadReport report = loader.load(def, csv, out);
                System.out.printf(
                        "%s%npublished to %s: %s and %s%n",
                        report.summary(),
                        opened.describe(),
                        store.uris().graph(def.slug()),
                        store.uris().metadataGraph(def.slug()));
                System.out.println("note: " + opened.describe()
                        + " is not a Cairn server, so the graphs were replaced without recording a version");
                return 0;
            }
            VersionedTarget versioned = store.versions(embedded).publisher(release, keepVersions);
            LoadReport report = loader.load(def, csv, new ProgressTarget(versioned, progress, false));
            profileTables.save(store, embedded, progress);
            System.out.print(
                    new DatasetPublisher.Result(report, versioned.lastOutcome()).text(store.uris(), opened.describe()));
            return 0;
        }
    }
}
