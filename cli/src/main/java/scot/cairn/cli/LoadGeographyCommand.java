package scot.cairn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.geography.CodeHistory;
import scot.cairn.geography.LookupColumns;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.loaders.geography.GeographyReport;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.TripleStore;

/** Loads (or replaces) the statistical geography from a data zone lookup file. */
@Command(
        name = "load-geography",
        mixinStandardHelpOptions = true,
        header = "Load the statistical geography from a data zone lookup CSV.",
        description = {
            "Load the 2011 statistical geography from a data zone lookup CSV, replacing any loaded before.",
            "The official lookup (DZ2011_Code, IZ2011_Code, MMWard_Code, LA_Code, HB_Code, ...) and the PHS",
            "'codes and labels' layout (DataZone, IntZone, CA, HSCP, HB, ...) are detected; other layouts take --columns.",
            "Codes no longer in force are added as archived areas from a code history, by default the",
            "built-in one of Scotland's 2018-2019 council, partnership and health board changes."
        })
public final class LoadGeographyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The lookup CSV (UTF-8).")
    Path file;

    @Option(
            names = "--columns",
            paramLabel = "MAPPING",
            description =
                    "Column mapping for other layouts, e.g. dz=DataZone,dzName=DataZoneName,iz=IntZone,izName=IntZoneName,council=CA,...")
    String columns;

    @Option(
            names = "--history",
            paramLabel = "HISTORY.csv",
            description =
                    "Code history to apply instead of the built-in one: a CSV with the columns old_code,new_code,date,"
                            + "level,boundary_changed and optionally old_name, one row per code that went out of force (see docs/publishing.md).")
    Path history;

    @Option(names = "--no-history", description = "Load the lookup alone, without archived codes.")
    boolean noHistory;

    @Mixin
    ReportingOptions reporting;

    @Mixin
    TargetOptions targetOptions;

    @Mixin
    ProfileTablesOptions profileTables;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if (history != null && noHistory) {
            System.err.println("error: give --history FILE or --no-history, not both");
            return 1;
        }
        try {
            // Read everything given before opening the store, so a bad file never touches it.
            CodeHistory codes = noHistory
                    ? CodeHistory.NONE
                    : history != null ? CodeHistory.read(history, reporting.maxErrors) : CodeHistory.scotland();
            LookupColumns layout = columns == null ? null : LookupColumns.parse(columns);
            return load(codes, layout, start);
        } catch (InvalidInputException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("error: " + CairnCommand.describe(e));
            return 1;
        }
    }

    private int load(CodeHistory codes, LookupColumns layout, long start) {
        StoreOptions store = targetOptions.store;
        Progress progress = reporting.progress();
        progress.step("reading " + file);
        try (PublishTarget opened = targetOptions.openTarget();
                PublishTarget target = new ProgressTarget(opened, progress, true)) {
            GeographyReport report =
                    new GeographyLoader(store.uris(), reporting.maxErrors).load(file, layout, codes, target);
            if (opened instanceof TripleStore embedded) {
                profileTables.save(store, embedded, progress);
            }
            System.out.printf(
                    "%s%nloaded into %s in %.1f s%n",
                    report.summary(), target.describe(), (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (InvalidInputException e) {
            progress.endLine();
            System.err.println(e.getMessage());
            return 1;
        } catch (PublicationException | IllegalArgumentException | java.io.UncheckedIOException e) {
            progress.endLine();
            System.err.println("error: " + CairnCommand.describe(e));
            return 1;
        }
    }
}
