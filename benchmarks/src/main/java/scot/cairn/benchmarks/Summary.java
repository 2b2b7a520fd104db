package scot.cairn.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the fault suite saw, and its closing summary. Not thread-safe: filled by the suite's main thread. */
final class Summary {
    /** One kill -9 and what the checks after it found. */
    record Kill(
            String stage,
            boolean committed,
            int left,
            int leftAfterRecovery,
            boolean nextWorks,
            List<String> problems) {
        Kill {
            problems = List.copyOf(problems);
        }
    }

    final List<Kill> kills = new ArrayList<>();
    final List<String> missed = new ArrayList<>();
    long reads;
    long readErrors;
    final Map<Long, Long> countsSeen = new TreeMap<>();
    final List<String> halfPublished = new ArrayList<>();
    final List<String> queryChecks = new ArrayList<>();
    final List<String> queryFailures = new ArrayList<>();
    long requests;
    final List<String> unexpected5xx = new ArrayList<>();
    final List<String> insides = new ArrayList<>();
    final List<String> unanswered = new ArrayList<>();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    int badFiles;
    final List<String> badFileFailures = new ArrayList<>();
    int leftoversAtEnd = -1;

    long corruptStores() {
        return kills.stream().filter(k -> !k.problems().isEmpty()).count();
    }

    long leftoversAfterRecovery() {
        return kills.stream().mapToLong(Kill::leftAfterRecovery).sum() + Math.max(0, leftoversAtEnd);
    }

    boolean failed() {
        return corruptStores() > 0
                || !missed.isEmpty()
                || leftoversAfterRecovery() > 0
                || readErrors > 0
                || !halfPublished.isEmpty()
                || !queryFailures.isEmpty()
                || !unexpected5xx.isEmpty()
                || !insides.isEmpty()
                || !unanswered.isEmpty()
                || !badFileFailures.isEmpty();
    }

    void print(double seconds) {
        System.out.println();
        System.out.println("== Fault suite summary ==");
        Map<String, int[]> byStage = new TreeMap<>();
        for (Kill k : kills) {
            int[] c = byStage.computeIfAbsent(k.stage(), s -> new int[4]);
            c[0]++;
            c[1] += k.problems().isEmpty() ? 1 : 0;
            c[2] += k.left();
            c[3] += k.committed() ? 1 : 0;
        }
        System.out.println(
                "| stage of the kill -9 | kills | survived (store whole) | had committed | leftovers before recovery |");
        System.out.println("|---|---|---|---|---|");
        byStage.forEach((stage, c) -> System.out.printf("| %s | %d | %d | %d | %d |%n", stage, c[0], c[1], c[3], c[2]));
        System.out.printf(
                "kills survived: %d of %d; corrupt stores: %d; kills missed: %d %s%n",
                kills.size() - corruptStores(), kills.size(), corruptStores(), missed.size(), missed);
        System.out.printf("leftovers after recovery: %d (at the end: %d)%n", leftoversAfterRecovery(), leftoversAtEnd);
        System.out.printf(
                "readers during a publication: %,d reads, %d errors, dataset sizes seen %s, half-published %d%n",
                reads, readErrors, countsSeen, halfPublished.size());
        queryChecks.forEach(q -> System.out.println("query: " + q));
        System.out.printf(
                "hostile requests: %,d tried, statuses %s, unexpected 5xx %d, insides shown %d, unanswered %d%n",
                requests, statuses, unexpected5xx.size(), insides.size(), unanswered.size());
        System.out.printf("bad files: %d tried, %d not refused plainly%n", badFiles, badFileFailures.size());
        for (Kill k : kills) {
            k.problems().forEach(p -> System.out.println("PROBLEM after kill at " + k.stage() + ": " + p));
        }
        for (List<String> l :
                List.of(halfPublished, queryFailures, unexpected5xx, insides, unanswered, badFileFailures)) {
            l.stream().limit(10).forEach(p -> System.out.println("PROBLEM: " + p));
        }
        System.out.printf("%s in %.0f s%n", failed() ? "FAILED" : "PASSED", seconds);
    }
}
