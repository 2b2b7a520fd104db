package scot.cairn.testsupport;

import java.util.List;

/**
 * The packages of TDB2's internals, for the tests that keep them inside the {@code store} module:
 * node ids, indexes, transactions' components, TDB2's query engine, loader and storage parameters
 * (the dboe packages are its storage). Jena's API for TDB2 ({@code TDB2}, {@code DatabaseMgr}, in
 * TDB2's top package) is not among them. One list for store's JenaInternalsTest (what the store
 * uses of them, pinned) and server's ModuleGraphTest (no other module uses them).
 */
public final class Tdb2Internals {
    /** Package names: each package and those below it. */
    public static final List<String> PACKAGES = List.of(
            "org.apache.jena.tdb2.store",
            "org.apache.jena.tdb2.setup",
            "org.apache.jena.tdb2.sys",
            "org.apache.jena.tdb2.lib",
            "org.apache.jena.tdb2.loader",
            "org.apache.jena.tdb2.solver",
            "org.apache.jena.tdb2.params",
            "org.apache.jena.dboe");

    private Tdb2Internals() {}
}
