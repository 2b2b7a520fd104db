package scot.cairn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.ValidationReport;
import scot.cairn.store.PublicationException;

/** Checks a CSV file against its cube definition without publishing anything. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check a CSV file against its cube definition; publish nothing.",
            "Prints each problem as FILE:LINE:COLUMN: message and exits 1 when there is any."
        })
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEFINITION.yaml", description = "The cube definition.")
    Path definition;

    @Parameters(
            index = "1",
            paramLabel = "DATA.csv",
            description = "The data file (tidy upload format, or wide as the definition says).")
    Path csv;

    @Mixin
    ReportingOptions reporting;

    @Mixin
    StoreOptions store;

    @Mixin
    CubeCommandSupport cube;

    @Override
    public Integer call() {
        Progress progress = reporting.progress();
        try {
            CubeDefinition def = CubeDefinition.read(definition);
            CubeLoader loader = new CubeLoader(store.uris(), cube.areas(store, null))
                    .withMaxErrors(reporting.maxErrors)
                    .withProgress(progress.rows());
            ValidationReport report = loader.validate(def, csv);
            progress.endLine();
            if (!report.valid()) {
                CubeCommandSupport.printErrors(
                        new InvalidInputException(report.errors(), report.truncated()), System.err);
                return 1;
            }
            System.out.printf(
                    "%s: valid, %,d observations (%,d triples) in %.1f s%s%n",
                    csv.getFileName(),
                    report.observations(),
                    report.triples(),
                    report.seconds(),
                    report.statuses().isEmpty() ? "" : "; without a value: " + report.statuses());
            return 0;
        } catch (InvalidInputException e) {
            progress.endLine();
            CubeCommandSupport.printErrors(e, System.err);
            return 1;
        } catch (PublicationException | IllegalArgumentException | java.io.UncheckedIOException e) {
            progress.endLine();
            System.err.println("error: " + CairnCommand.describe(e));
            return 1;
        }
    }
}
