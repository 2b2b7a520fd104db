package scot.cairn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.PublicationException;
import scot.cairn.store.TripleStore;

/**
 * Options shared by the cube commands that check area codes ({@code validate}, {@code load}):
 * where the geography comes from, and how many errors to collect.
 */
public final class CubeCommandSupport {

    @Option(
            names = "--geography",
            paramLabel = "LOOKUP.csv",
            description =
                    "Check area codes against this data zone lookup (with the built-in code history, so codes replaced in "
                            + "2018-2019 are known) instead of the geography loaded in the store.")
    Path geography;

    @Option(
            names = "--skip-geography-check",
            description =
                    "Accept any well-formed GSS code of a known level without checking that the area exists. Areas missing "
                            + "from the geography then have no name, parent, page, profile or map: prefer loading the geography with "
                            + "its code history (see load-geography --history).")
    boolean skipGeographyCheck;

    /** The areas to check codes against; {@code store} is consulted only when no other source was given. */
    AreaDirectory areas(StoreOptions storeOptions, TripleStore openStore) {
        if (skipGeographyCheck) {
            return AreaDirectory.anyWellFormedCode();
        }
        if (geography != null) {
            return AreaDirectory.of(new GeographyLoader(storeOptions.uris()).read(geography, null));
        }
        if (openStore == null && !storeOptions.exists()) {
            throw new PublicationException(
                    "no geography is loaded: there is no store in " + storeOptions.dataDir
                            + " (check --data-dir): run 'cairn load-geography LOOKUP.csv' first, or give --geography LOOKUP.csv or --skip-geography-check");
        }
        Geography g;
        if (openStore != null) {
            g = Geography.fromStore(openStore, storeOptions.uris());
        } else {
            try (TripleStore s = storeOptions.openStore()) {
                g = Geography.fromStore(s, storeOptions.uris());
            }
        }
        if (g.isEmpty()) {
            throw new PublicationException(
                    "no geography is loaded in " + storeOptions.storeDir()
                            + ": run 'cairn load-geography LOOKUP.csv' first, or give --geography LOOKUP.csv or --skip-geography-check");
        }
        return AreaDirectory.of(g);
    }

    /**
     * Refuses the option a remote publish cannot honour rather than ignore it: the server checks area codes
     * against its own geography, not a lookup file of the client's ({@code --skip-geography-check} is sent).
     */
    void refuseLocalOnlyOptions() {
        if (geography != null) {
            throw new IllegalArgumentException(
                    "--geography cannot be used with --endpoint: the server checks area codes "
                            + "against its own geography (update it with 'cairn load-geography --endpoint URL LOOKUP.csv')");
        }
    }

    /** Prints every error, one per line, compiler style. */
    static void printErrors(InvalidInputException e, PrintStream err) {
        err.println(e.getMessage());
    }
}
