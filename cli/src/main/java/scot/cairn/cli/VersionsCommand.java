package scot.cairn.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.store.PublicationException;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.Changes;
import scot.cairn.versions.VersionRecord;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.Slugs;

/** The version history of datasets in the embedded store: list, compare, export, cite, delete, retention. */
@Command(
        name = "versions",
        mixinStandardHelpOptions = true,
        description =
                "Dataset versions in the store folder: history, changes between versions, citations and retention.",
        subcommands = {
            VersionsCommand.List.class,
            VersionsCommand.Diff.class,
            VersionsCommand.Export.class,
            VersionsCommand.Cite.class,
            VersionsCommand.Delete.class,
            VersionsCommand.Retain.class
        })
public final class VersionsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Runs an action on the dataset's versions with the errors a user can act on. */
    abstract static class Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SLUG", description = "The dataset slug, e.g. recycling.")
        String slug;

        @Mixin
        StoreOptions store;

        abstract void run(Versions versions) throws Exception;

        /** After {@link #run}, with the store still open: nothing, for a command that only reads. */
        void afterRun(TripleStore s) {}

        @Override
        public Integer call() {
            if (!Slugs.isSlug(slug)) {
                System.err.println("error: '" + slug + "' is not a dataset slug");
                return 1;
            }
            try (TripleStore s = store.openStore();
                    Versions versions = store.versions(s)) {
                run(versions);
                afterRun(s);
                return 0;
            } catch (IllegalArgumentException | IllegalStateException | PublicationException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            } catch (Exception e) {
                System.err.println("error: " + e);
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The versions of a dataset, oldest first.")
    static final class List extends Base {
        @Override
        void run(Versions versions) {
            java.util.List<VersionRecord> h = versions.history(slug);
            if (h.isEmpty()) {
                throw new IllegalArgumentException("no versions of " + slug + " in " + store.storeDir());
            }
            System.out.println(
                    "version\tpublished\tkind\tobservations\tadded\tremoved\tchanged\tcited\tchecksum\tnote");
            for (VersionRecord r : h) {
                System.out.printf(
                        "%d\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s%n",
                        r.number(),
                        r.issued(),
                        r.kind().label(),
                        r.observations(),
                        r.added(),
                        r.removed(),
                        r.changed(),
                        r.cited() ? "yes" : "no",
                        r.checksum(),
                        r.note());
            }
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description =
                    "What changed between two versions: a summary, and with --csv the changed observations with old and new values.")
    static final class Diff extends Base {
        @Parameters(index = "1", paramLabel = "FROM", description = "The earlier version.")
        int from;

        @Parameters(index = "2", paramLabel = "TO", description = "The later version.")
        int to;

        @Option(
                names = "--csv",
                paramLabel = "FILE",
                description = "Write the changed observations to FILE ('-' for standard output).")
        String csv;

        @Override
        void run(Versions versions) throws Exception {
            Changes c = versions.changes(slug, from, to);
            if (csv != null && csv.equals("-")) {
                c.writeCsv(System.out);
                return;
            }
            System.out.println(c.summary());
            if (csv != null) {
                try (OutputStream out = Files.newOutputStream(Path.of(csv))) {
                    c.writeCsv(out);
                }
                System.out.println("changed observations written to " + csv);
            }
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write one version as the whole-cube CSV or as canonical N-Triples (the checksum's input).")
    static final class Export extends Base {
        @Parameters(index = "1", paramLabel = "N", description = "The version.")
        int version;

        @Option(
                names = "--format",
                defaultValue = "csv",
                paramLabel = "csv|nt",
                description = "Output format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
        Path out;

        @Override
        void run(Versions versions) throws Exception {
            if (!format.equals("csv") && !format.equals("nt")) {
                throw new IllegalArgumentException("--format must be csv or nt, not " + format);
            }
            try (OutputStream os = out == null
                    ? new java.io.FilterOutputStream(System.out) {
                        @Override
                        public void close() throws java.io.IOException {
                            flush();
                        }
                    }
                    : Files.newOutputStream(out)) {
                if (format.equals("csv")) {
                    versions.writeCsv(slug, version, os);
                } else {
                    versions.writeNTriples(slug, version, os);
                }
            }
        }
    }

    /**
     * A command that writes a dataset's metadata graph (its version records), which changes the
     * graph's stamp: the saved profile tables are brought up to date after it, as after {@code load}.
     */
    abstract static class Writing extends Base {
        @Mixin
        ProfileTablesOptions profileTables;

        @Override
        void afterRun(TripleStore s) {
            profileTables.save(store, s, Progress.onStandardError(false));
        }
    }

    @Command(
            name = "cite",
            mixinStandardHelpOptions = true,
            description = "Mark a version as cited: retention keeps it, and deleting it needs --cited.")
    static final class Cite extends Writing {
        @Parameters(index = "1", paramLabel = "N", description = "The version.")
        int version;

        @Override
        void run(Versions versions) {
            versions.cite(slug, version);
            System.out.println("version " + version + " of " + slug + " is marked as cited");
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete an earlier version (its neighbours stay readable). A cited version needs --cited.")
    static final class Delete extends Writing {
        @Parameters(index = "1", paramLabel = "N", description = "The version.")
        int version;

        @Option(names = "--cited", description = "Delete the version even though a citation points to it.")
        boolean cited;

        @Override
        void run(Versions versions) {
            versions.delete(slug, version, cited);
            System.out.println("deleted version " + version + " of " + slug);
        }
    }

    @Command(
            name = "retain",
            mixinStandardHelpOptions = true,
            description =
                    "Keep only the N newest versions of a dataset from its next publication on (0: all). Cited versions are always kept.")
    static final class Retain extends Writing {
        @Parameters(index = "1", paramLabel = "N", description = "Versions to keep.")
        int keep;

        @Override
        void run(Versions versions) {
            versions.setRetention(slug, keep);
            System.out.println(slug + " keeps "
                    + (keep == 0 ? "all versions" : "its " + keep + " newest versions (and any cited one)"));
        }
    }
}
