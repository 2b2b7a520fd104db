package scot.cairn.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.Tabulator;
import scot.cairn.testsupport.HeadlessChromium;

/**
 * The table builder in Chromium at data-zone scale (issue 18): the data zones of one council and
 * all 6,976 data zones of Scotland as rows, from the real geography and the synthetic population
 * built from the NRS estimates and the census teaching file. Per round, the page {@code /tables}
 * is opened afresh, the table asked for with the form, and the page's own marks read: from
 * {@code cairn-table-asked} to {@code cairn-table-answered} (the server's answer, its headers) beside
 * from {@code cairn-table-answered} to {@code cairn-table-interactive} (the body read, JSON-stat
 * decoded, the first page drawn and two frames painted): target under 3 s. Then one sort of a
 * column and one page turn, each timed in the page around the click, and the renderer's memory:
 * the JS heap ({@code performance.memory} and CDP {@code Performance.getMetrics}) and the renderer
 * process's resident set and its peak ({@code VmRSS}, {@code VmHWM} from /proc), its proportional
 * and private sets, beside the same renderer's on the same page before the table was asked for (the
 * baseline, measured in the same round): target under 300 MB.
 *
 * <p>Chromium is Debian's, driven through Debian's chromedriver with the flags the browser tests use.
 * Run (after {@code cairn tabulate-generate} has written the population; see docs/BENCHMARKS.md):
 * <pre>
 * java -Xmx6g -cp benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat /tmp/cp.txt) \
 *     scot.cairn.benchmarks.TableBuilderBrowserBenchmark /tmp/pop/persons.csv /tmp/pop/persons.yaml \
 *     ../shared/data/real/geography/Datazone2011lookup.csv /tmp/table-bench [rounds] [--reuse]
 * </pre>
 */
public final class TableBuilderBrowserBenchmark {

    /** One table to ask for: its name, the variables ticked, and the area it is within ("" for Scotland). */
    record Scenario(String name, List<String> variables, String within) {}

    /** What one round measured (ms and MB). */
    record Round(
            double answer,
            double interactive,
            double sort,
            double page,
            int rowsInDocument,
            double heapMb,
            double cdpHeapMb,
            double rssMb,
            double peakRssMb,
            double pssMb,
            double privateMb,
            double rssBeforeMb,
            double privateBeforeMb) {}

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        MicrodataDefinition definition = MicrodataDefinition.load(Path.of(args[1]));
        Path lookup = Path.of(args[2]);
        Path dataDir = Path.of(args[3]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        boolean reuse = Arrays.asList(args).contains("--reuse") && Files.isDirectory(dataDir);
        Files.createDirectories(dataDir);
        List<Scenario> scenarios = List.of(
                new Scenario("data zones of Aberdeen City (283), sex x age", List.of("sex", "age"), "S12000033"),
                new Scenario("data zones of Scotland (6,976), sex x age", List.of("sex", "age"), ""),
                new Scenario(
                        "data zones of Scotland (6,976), sex x health x ethnic",
                        List.of("sex", "health", "ethnic"),
                        ""));
        try (ConfigurableApplicationContext app = TabulationServer.start(dataDir)) {
            int port = TabulationServer.port(app);
            TabulationServer.ingest(app, definition, csv, lookup, reuse);
            System.out.println(
                    "count columns in memory: " + app.getBean(Tabulator.class).preload(definition.name()));
            Path profile = Files.createTempDirectory("cairn-bench-chromium");
            ChromeDriver driver = chromium(profile);
            try {
                System.out.printf(Locale.ROOT, "load average at start: %.2f%n", loadAverage());
                for (Scenario s : scenarios) {
                    List<Round> measured = new ArrayList<>();
                    for (int r = -1; r < rounds; r++) { // one warm-up round
                        Round round = round(driver, port, s, profile);
                        if (r >= 0) {
                            measured.add(round);
                        }
                    }
                    report(s, measured);
                }
                System.out.printf(Locale.ROOT, "load average at end: %.2f%n", loadAverage());
            } finally {
                driver.quit();
            }
        }
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(HeadlessChromium.CHROMIUM.toFile());
        options.addArguments(HeadlessChromium.arguments(profile, "--enable-precise-memory-info"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(HeadlessChromium.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        driver.executeCdpCommand("Performance.enable", Map.of());
        return driver;
    }

    private static Round round(ChromeDriver driver, int port, Scenario s, Path profile) throws IOException {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(300));
        driver.get("http://localhost:" + port + "/tables");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        long[] before = rendererMemory(profile); // the baseline: the same page before any table is asked for
        new Select(driver.findElement(By.id("dataset"))).selectByValue("persons");
        for (var box : driver.findElements(By.cssSelector("input.var"))) {
            if (box.isSelected() != s.variables().contains(box.getAttribute("value"))) {
                box.click();
            }
        }
        new Select(driver.findElement(By.id("level"))).selectByValue("data-zones-2011");
        new Select(driver.findElement(By.id("within"))).selectByValue(s.within());
        driver.findElement(By.id("build-table")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("table-output"), "data-interactive", "true"));
        @SuppressWarnings("unchecked")
        Map<String, Object> marks = (Map<String, Object>)
                driver.executeScript("function at(n) { return performance.getEntriesByName(n)[0].startTime; }"
                        + " return {answer: at('cairn-table-answered') - at('cairn-table-asked'),"
                        + " interactive: at('cairn-table-interactive') - at('cairn-table-answered'),"
                        + " rows: document.querySelectorAll('table.areas-grid tbody tr').length,"
                        + " heap: performance.memory ? performance.memory.usedJSHeapSize : -1};");
        // The largest column, sorted (largest first): the click's handler sorts and draws synchronously.
        double sort = number(driver.executeScript(
                "var b = document.querySelectorAll('table.areas-grid button.sort'); b = b[b.length - 1];"
                        + " var t = performance.now(); b.click(); return performance.now() - t;"));
        double page = number(
                driver.executeScript(
                        "var t = performance.now(); document.getElementById('grid-next').click(); return performance.now() - t;"));
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = driver.executeCdpCommand("Performance.getMetrics", Map.of());
        double cdpHeap = -1;
        for (Object m : (List<?>) metrics.get("metrics")) {
            Map<?, ?> metric = (Map<?, ?>) m;
            if ("JSHeapUsedSize".equals(metric.get("name"))) {
                cdpHeap = number(metric.get("value"));
            }
        }
        long[] rss = rendererMemory(profile);
        return new Round(
                number(marks.get("answer")),
                number(marks.get("interactive")),
                sort,
                page,
                (int) number(marks.get("rows")),
                number(marks.get("heap")) / 1e6,
                cdpHeap / 1e6,
                rss[0] / 1024.0,
                rss[1] / 1024.0,
                rss[2] / 1024.0,
                rss[3] / 1024.0,
                before[0] / 1024.0,
                before[3] / 1024.0);
    }

    /**
     * Of the largest renderer process (by resident set) of the Chromium started with {@code profile},
     * the renderer of the one tab (the browser's own WebUI renderer left out), read from /proc: its
     * resident set, its peak ({@code VmHWM}), its proportional set ({@code Pss}) and its private
     * pages ({@code Private_Clean + Private_Dirty}), in kB. The resident set counts the pages of the
     * Chromium binary it shares with every other Chromium process.
     */
    static long[] rendererMemory(Path profile) throws IOException {
        long[] best = {-1, -1, -1, -1};
        String mark = "--user-data-dir=" + profile;
        List<Path> procs;
        try (var list = Files.list(Path.of("/proc"))) {
            procs = list.filter(p -> p.getFileName().toString().matches("\\d+")).toList();
        }
        for (Path proc : procs) {
            String line;
            try {
                line = new String(Files.readAllBytes(proc.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                        .replace('\0', ' ');
            } catch (IOException gone) {
                continue;
            }
            if (!line.contains(mark) || !line.contains("--type=renderer") || line.contains("--top-chrome-webui")) {
                continue;
            }
            long[] m = {-1, -1, -1, 0};
            try {
                for (String l : Files.readAllLines(proc.resolve("status"))) {
                    if (l.startsWith("VmRSS:")) {
                        m[0] = kb(l);
                    } else if (l.startsWith("VmHWM:")) {
                        m[1] = kb(l);
                    }
                }
                for (String l : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                    if (l.startsWith("Pss:")) {
                        m[2] = kb(l);
                    } else if (l.startsWith("Private_Clean:") || l.startsWith("Private_Dirty:")) {
                        m[3] += kb(l);
                    }
                }
            } catch (IOException gone) {
                continue;
            }
            if (m[0] > best[0]) {
                best = m;
            }
        }
        return best;
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void report(Scenario s, List<Round> rounds) {
        System.out.printf(Locale.ROOT, "%s (%d rounds, median / max):%n", s.name(), rounds.size());
        line("  server answer (asked -> answered)     ", rounds.stream().mapToDouble(Round::answer), "ms");
        line("  answered -> interactive (target < 3 s)", rounds.stream().mapToDouble(Round::interactive), "ms");
        line("  sort the last column                  ", rounds.stream().mapToDouble(Round::sort), "ms");
        line("  next page                             ", rounds.stream().mapToDouble(Round::page), "ms");
        line("  JS heap used (performance.memory)     ", rounds.stream().mapToDouble(Round::heapMb), "MB");
        line("  JS heap used (CDP JSHeapUsedSize)     ", rounds.stream().mapToDouble(Round::cdpHeapMb), "MB");
        line("  renderer RSS, page before the table   ", rounds.stream().mapToDouble(Round::rssBeforeMb), "MB");
        line("  renderer RSS (target < 300 MB)        ", rounds.stream().mapToDouble(Round::rssMb), "MB");
        line("  renderer peak RSS (VmHWM, all rounds) ", rounds.stream().mapToDouble(Round::peakRssMb), "MB");
        line("  renderer PSS                          ", rounds.stream().mapToDouble(Round::pssMb), "MB");
        line("  renderer private, page before table   ", rounds.stream().mapToDouble(Round::privateBeforeMb), "MB");
        line("  renderer private (clean + dirty)      ", rounds.stream().mapToDouble(Round::privateMb), "MB");
        System.out.printf(
                Locale.ROOT, "  table rows in the document: %d%n", rounds.get(0).rowsInDocument());
    }

    private static void line(String what, java.util.stream.DoubleStream values, String unit) {
        double[] v = values.sorted().toArray();
        System.out.printf(Locale.ROOT, "%s %9.1f / %9.1f %s%n", what, v[v.length / 2], v[v.length - 1], unit);
    }
}
