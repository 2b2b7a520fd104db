package scot.cairn.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import scot.cairn.testsupport.Tdb2Internals;

/**
 * The module graph of README.md's "Module layout", checked two ways: every module's pom declares
 * exactly its edges of {@link #GRAPH} (compile scope), and no class depends on a Cairn module its
 * own module does not reach through them (ArchUnit, over the main classes of every module on this
 * classpath). And TDB2's internals stay in {@code store} (and the benchmarks).
 */
class ModuleGraphTest {

    /**
     * Each module (folder) and the Cairn modules it depends on directly, lower layers first. A
     * new module or edge goes here and in README.md's "Module layout" table.
     */
    static final Map<String, List<String>> GRAPH = graph(
            "test-support", List.of(),
            "vocab", List.of(),
            "formats", List.of("vocab"),
            "store", List.of("vocab"),
            "geography", List.of("vocab", "formats", "store"),
            "loaders", List.of("vocab", "formats", "store", "geography"),
            "sparql-endpoint", List.of("vocab", "formats", "store"),
            "linked-data", List.of("vocab", "formats", "store"),
            "versions", List.of("vocab", "formats", "store"),
            "tabulation", List.of("vocab", "formats", "geography"),
            "profiles", List.of("vocab", "formats", "store", "geography"),
            "maps", List.of("vocab", "store", "geography"),
            "web", List.of("vocab", "store", "geography", "profiles"),
            "replication", List.of("store", "sparql-endpoint"),
            "cli", List.of("vocab", "formats", "store", "geography", "loaders", "versions", "tabulation", "profiles"),
            "server",
                    List.of(
                            "vocab",
                            "formats",
                            "store",
                            "geography",
                            "loaders",
                            "sparql-endpoint",
                            "linked-data",
                            "versions",
                            "tabulation",
                            "profiles",
                            "maps",
                            "web",
                            "cli",
                            "replication"),
            "web/browser-tests", List.of(),
            "cube-definitions", List.of(),
            "examples", List.of("server"),
            "benchmarks", List.of("server", "versions", "replication", "tabulation", "test-support"));

    /** The root package of each module whose main classes this test sees (the server's classpath). */
    static final Map<String, String> PACKAGES = graph(
            "test-support", "scot.cairn.testsupport",
            "vocab", "scot.cairn.vocab",
            "formats", "scot.cairn.formats",
            "store", "scot.cairn.store",
            "geography", "scot.cairn.geography",
            "loaders", "scot.cairn.loaders",
            "sparql-endpoint", "scot.cairn.endpoint",
            "linked-data", "scot.cairn.linkeddata",
            "versions", "scot.cairn.versions",
            "tabulation", "scot.cairn.tabulation",
            "profiles", "scot.cairn.profiles",
            "maps", "scot.cairn.maps",
            "web", "scot.cairn.web",
            "replication", "scot.cairn.replication",
            "cli", "scot.cairn.cli",
            "server", "scot.cairn.server");

    /** TDB2's internals ({@link Tdb2Internals}), each package and those below it, as ArchUnit names them. */
    static final String[] TDB2_INTERNALS =
            Tdb2Internals.PACKAGES.stream().map(p -> p + "..").toArray(String[]::new);

    static Path root;
    static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml"))
                .as("the reactor root above the server module")
                .exists();
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("scot.cairn");
    }

    @Test
    void everyModuleIsInTheGraphAndItsPomDeclaresExactlyItsEdges() throws Exception {
        Map<String, String> artifactToModule = new TreeMap<>();
        List<String> modules = modules(root, "");
        for (String module : modules) {
            artifactToModule.put(text(pom(root.resolve(module)), "artifactId"), module);
        }
        assertThat(modules)
                .as("modules of the reactor (README.md, Module layout)")
                .containsExactlyInAnyOrderElementsOf(GRAPH.keySet());
        Map<String, Set<String>> declared = new TreeMap<>();
        for (String module : modules) {
            Set<String> edges = new TreeSet<>();
            NodeList deps = pom(root.resolve(module)).getElementsByTagName("dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                Element d = (Element) deps.item(i);
                boolean inDependencies =
                        d.getParentNode().getParentNode().getNodeName().equals("project");
                String scope = text(d, "scope");
                if (inDependencies
                        && "scot.cairn".equals(text(d, "groupId"))
                        && (scope == null || scope.equals("compile"))) {
                    edges.add(artifactToModule.get(text(d, "artifactId")));
                }
            }
            declared.put(module, edges);
        }
        Map<String, Set<String>> intended = new TreeMap<>();
        GRAPH.forEach((m, e) -> intended.put(m, new TreeSet<>(e)));
        assertThat(declared).as("compile-scope Cairn dependencies of each pom").isEqualTo(intended);
    }

    @Test
    void noClassDependsOnAModuleItsModuleDoesNotReach() {
        PACKAGES.forEach((module, pkg) -> {
            assertThat(classes.that(resideIn(pkg)))
                    .as("main classes of " + module + " on the test classpath")
                    .isNotEmpty();
            Set<String> reachable = reachable(module);
            List<String> forbidden = new ArrayList<>();
            PACKAGES.forEach((other, otherPkg) -> {
                if (!reachable.contains(other) && !other.equals(module)) {
                    forbidden.add(otherPkg + "..");
                }
            });
            if (!forbidden.isEmpty()) {
                noClasses()
                        .that()
                        .resideInAPackage(pkg + "..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because(module + " may only use " + reachable + " (README.md, Module layout)")
                        .check(classes);
            }
        });
    }

    /**
     * TDB2 is sealed inside {@code store} (issue 19): every other module reads and writes through
     * its API ({@code TripleStore}, {@code TermIds}, {@code SubjectChanges}, {@code BulkQuads}), and
     * the internals it relies on are pinned in store's {@code JenaInternalsTest}. The benchmarks'
     * baselines run Jena's own bulk loader and plain Fuseki.
     */
    @Test
    void tdb2InternalsAreUsedOnlyInStore() {
        noClasses()
                .that()
                .resideOutsideOfPackages("scot.cairn.store..", "scot.cairn.benchmarks..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(TDB2_INTERNALS)
                .because("TDB2 is sealed inside store (issue 19 item 1; store/README.md)")
                .check(classes);
    }

    // ---- helpers

    private static DescribedPredicate<JavaClass> resideIn(String pkg) {
        return DescribedPredicate.describe(
                "reside in " + pkg,
                c -> c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + "."));
    }

    /** The modules {@code module} reaches through its edges, transitively. */
    static Set<String> reachable(String module) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(GRAPH.get(module));
        while (!todo.isEmpty()) {
            String m = todo.remove(0);
            if (seen.add(m)) {
                todo.addAll(GRAPH.get(m));
            }
        }
        return seen;
    }

    private static List<String> modules(Path dir, String prefix) throws Exception {
        List<String> out = new ArrayList<>();
        NodeList list = pom(dir).getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            String m = list.item(i).getTextContent().strip();
            out.add(prefix + m);
            out.addAll(modules(dir.resolve(m), prefix + m + "/"));
        }
        return out;
    }

    private static Element pom(Path moduleDir) throws Exception {
        Path pom = moduleDir.resolve("pom.xml");
        if (!Files.exists(pom)) {
            throw new IOException("no pom.xml in " + moduleDir);
        }
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(pom.toFile())
                .getDocumentElement();
    }

    /** The text of the first direct child element with this name, or null. */
    private static String text(Element parent, String child) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static <V> Map<String, V> graph(Object... pairs) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            V v = (V) pairs[i + 1];
            m.put((String) pairs[i], v);
        }
        return m;
    }
}
