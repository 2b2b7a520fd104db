package scot.cairn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import scot.cairn.tabulation.MicrodataStore;

/** Where the tabulation service keeps its private microdata: {@code <data-dir>/tabulation/microdata.duckdb}. */
public final class MicrodataOptions {

    @Option(
            names = "--microdata-db",
            description = "The tabulation database file (default: <data-dir>/tabulation/microdata.duckdb). "
                    + "The server must not be running on it.")
    Path database;

    Path database(Path dataDir) {
        return database != null ? database : dataDir.resolve("tabulation").resolve("microdata.duckdb");
    }

    MicrodataStore open(Path dataDir) {
        return MicrodataStore.open(database(dataDir));
    }
}
