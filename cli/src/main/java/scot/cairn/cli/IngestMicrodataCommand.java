package scot.cairn.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import scot.cairn.geography.StoreAreaHierarchy;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.PublicationException;
import scot.cairn.store.TripleStore;
import scot.cairn.tabulation.IngestReport;
import scot.cairn.tabulation.InvalidMicrodataException;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.TabulationStoreException;

/** Ingests microdata into the tabulation service's private store, replacing a dataset of the same name. */
@Command(
        name = "ingest-microdata",
        mixinStandardHelpOptions = true,
        header = "Ingest microdata records into the tabulation service's private store.",
        description = {
            "Ingest a CSV of person, household or business records described by a microdata definition (YAML/JSON)",
            "into the tabulation service's private DuckDB store. Record keys are assigned here, once; targeted record",
            "swapping runs here if the definition asks for it. Data zones are checked against the loaded geography."
        })
public final class IngestMicrodataCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEFINITION", description = "The microdata definition (YAML or JSON).")
    Path definition;

    @Parameters(index = "1", paramLabel = "CSV", description = "The records (UTF-8 CSV with a header).")
    Path csv;

    @Mixin
    StoreOptions store;

    @Mixin
    MicrodataOptions microdata;

    @Override
    public Integer call() {
        try (TripleStore triples = store.open(true);
                MicrodataStore md = microdata.open(store.dataDir)) {
            MicrodataDefinition def = MicrodataDefinition.load(definition);
            IngestReport r = md.ingest(def, csv, new StoreAreaHierarchy(new StoreGeography(triples, store.uris())));
            System.out.printf(
                    Locale.ROOT,
                    "dataset %s: %d records ingested into %s in %.1f s%n",
                    r.dataset(),
                    r.records(),
                    md.location(),
                    r.seconds());
            if (def.swapping() != null) {
                System.out.printf(
                        Locale.ROOT,
                        "targeted swapping: %d risky records, %d selected, %d pairs swapped; "
                                + "%.2f%% of records changed data zone (%.1f%% of risky records swapped)%n",
                        r.riskyRecords(),
                        r.selectedForSwap(),
                        r.swapPairs(),
                        100 * r.swapRate(),
                        100 * r.riskyShareSwapped());
            }
            return 0;
        } catch (InvalidMicrodataException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (TabulationStoreException | PublicationException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
