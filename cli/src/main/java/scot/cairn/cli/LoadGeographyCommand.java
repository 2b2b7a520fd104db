package scot.cairn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.geography.LookupColumns;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.loaders.geography.GeographyReport;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;

/** Loads (or replaces) the statistical geography from a data zone lookup file. */
@Command(name = "load-geography", mixinStandardHelpOptions = true,
        header = "Load the statistical geography from a data zone lookup CSV.",
        description = {"Load the 2011 statistical geography from a data zone lookup CSV, replacing any loaded before.",
                "The official lookup (DZ2011_Code, IZ2011_Code, MMWard_Code, LA_Code, HB_Code, ...) and the PHS",
                "'codes and labels' layout (DataZone, IntZone, CA, HSCP, HB, ...) are detected; other layouts take --columns."})
public final class LoadGeographyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The lookup CSV (UTF-8).")
    Path file;

    @Option(names = "--columns", paramLabel = "MAPPING",
            description = "Column mapping for other layouts, e.g. dz=DataZone,dzName=DataZoneName,iz=IntZone,izName=IntZoneName,council=CA,...")
    String columns;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    @Mixin
    TargetOptions targetOptions;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        StoreOptions store = targetOptions.store;
        Progress progress = Progress.onStandardError(quiet);
        progress.step("reading " + file);
        try (PublishTarget opened = targetOptions.openTarget(); PublishTarget target = new ProgressTarget(opened, progress, true)) {
            GeographyLoader loader = new GeographyLoader(store.uris());
            GeographyReport report = columns == null
                    ? loader.load(file, target)
                    : loader.load(file, LookupColumns.parse(columns), target);
            System.out.printf("%s%nloaded into %s in %.1f s%n", report.summary(), target.describe(), (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (InvalidInputException e) {
            progress.endLine();
            System.err.println(e.getMessage());
            return 1;
        } catch (PublicationException | IllegalArgumentException e) {
            progress.endLine();
            System.err.println("error: " + CairnCommand.describe(e));
            return 1;
        }
    }
}
