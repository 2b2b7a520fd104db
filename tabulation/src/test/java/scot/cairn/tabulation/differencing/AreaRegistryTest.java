package scot.cairn.tabulation.differencing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import scot.cairn.tabulation.TabulationRefusedException;

/**
 * The registry on a ten-zone geography: intermediate zones A = {0,1,2}, B = {3,4,5}, C = {6..9};
 * wards X = {0,1,3}, Y = {2,4,5}, Z = {6..9}. Ward and intermediate-zone boundaries cut zones 2
 * and 3 apart as single-zone atoms, but no combination of the standard areas pins either (adding
 * t to {0,1} and {4,5} and taking t from 2 and 3 changes no standard total).
 */
class AreaRegistryTest {
    static final int[] IZ = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    static final int[] WARD = {0, 0, 1, 0, 1, 1, 2, 2, 2, 2};
    static final int[] COUNCIL = new int[10];

    record Memory(List<List<String>> areas, List<String> clients) implements AreaRegistry.Store {
        Memory() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public List<AreaRegistry.Released> released(String dataset) {
            List<AreaRegistry.Released> out = new ArrayList<>();
            for (int i = 0; i < areas.size(); i++) {
                out.add(new AreaRegistry.Released(areas.get(i), clients.get(i)));
            }
            return out;
        }

        @Override
        public int releasedSince(String client, java.time.Instant since) {
            return (int) clients.stream().filter(client::equals).count();
        }

        @Override
        public void record(String dataset, List<String> zones, String client) {
            areas.add(zones);
            clients.add(client);
        }
    }

    static ZoneGeography geography() {
        List<String> codes = IntStream.range(0, 10)
                .mapToObj(i -> String.format("S010%05d", i))
                .toList();
        long[] records = new long[10];
        java.util.Arrays.fill(records, 100);
        return new ZoneGeography(codes, records, new int[][] {IZ, WARD, COUNCIL}, IZ, List.of("S02A", "S02B", "S02C"));
    }

    static List<String> zones(int... z) {
        return IntStream.of(z).mapToObj(i -> String.format("S010%05d", i)).toList();
    }

    static AreaRegistry registry(Memory store) {
        return new AreaRegistry(new DifferencingSettings(DifferencingSettings.BuildingBlocks.DATA_ZONE, 2, 0), store);
    }

    @Test
    void anAreaThatCutsOffASingleZoneIsRefused() {
        Memory store = new Memory();
        AreaRegistry r = registry(store);
        assertThatThrownBy(() ->
                        r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 3, 4, 5, 6, 7, 8), "a", false))
                .isInstanceOfSatisfying(
                        TabulationRefusedException.class,
                        e -> assertThat(e.rule()).isEqualTo("differencing"));
        assertThat(store.areas()).isEmpty();
    }

    @Test
    void aCombinationWithTheStandardAreasThatWouldPinASliverIsRefused() {
        Memory store = new Memory();
        AreaRegistry r = registry(store);
        // {2, 3} plus C cuts nothing and differs from every standard area by two zones or more, but
        // A + B - X - Z + (this area) ... pins zones 2 and 3: the null space loses its one dimension.
        assertThatThrownBy(() -> r.admit("d", 1, AreaRegistryTest::geography, zones(2, 3, 6, 7, 8, 9), "a", false))
                .isInstanceOfSatisfying(
                        TabulationRefusedException.class,
                        e -> assertThat(e.rule()).isEqualTo("differencing"));
        // A union of standard areas adds nothing: admitted, and registered once.
        r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 6, 7, 8, 9), "a", false);
        r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 6, 7, 8, 9), "b", false);
        assertThat(store.areas()).hasSize(1);
        assertThat(store.clients()).containsExactly("a");
    }

    @Test
    void areasReleasedBeforeCountAfterARestartAndForEveryUser() {
        // Two intermediate zones {0..4} and {5..9}, no ward cutting them.
        int[] iz = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        java.util.function.Supplier<ZoneGeography> g = () -> {
            long[] records = new long[10];
            java.util.Arrays.fill(records, 100);
            return new ZoneGeography(
                    zones(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                    records,
                    new int[][] {iz, COUNCIL},
                    iz,
                    List.of("S02A", "S02B"));
        };
        Memory store = new Memory();
        registry(store).admit("d", 1, g, zones(0, 1, 2, 5, 6, 7), "first user", false);
        // On its own {0,1,5,6,7} cuts nothing too small; after the first user's area it would set zone 2 apart.
        registry(new Memory()).admit("d", 1, g, zones(0, 1, 5, 6, 7), "alone", false);
        AreaRegistry restarted = registry(store);
        assertThatThrownBy(() -> restarted.admit("d", 1, g, zones(0, 1, 5, 6, 7), "second user", false))
                .isInstanceOfSatisfying(
                        TabulationRefusedException.class,
                        e -> assertThat(e.getMessage()).contains("1 data zone"));
        assertThat(store.clients()).containsExactly("first user");
    }

    @Test
    void wholeIntermediateZonesOnlyWhenSoConfigured() {
        AreaRegistry r = new AreaRegistry(
                new DifferencingSettings(DifferencingSettings.BuildingBlocks.INTERMEDIATE_ZONE, 2, 0), new Memory());
        assertThatThrownBy(() -> r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 6, 7, 8, 9), "a", false))
                .isInstanceOfSatisfying(TabulationRefusedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("building-blocks");
                    assertThat(e.getMessage()).contains("S02A");
                });
        r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 6, 7, 8, 9), "a", false);
    }

    @Test
    void modularArithmeticIsExact() {
        long p = Combinations.P;
        assertThat(Combinations.mul(p - 1, p - 1)).isEqualTo(1);
        assertThat(Combinations.mul(1L << 40, 1L << 30))
                .isEqualTo(java.math.BigInteger.ONE
                        .shiftLeft(70)
                        .mod(java.math.BigInteger.valueOf(p))
                        .longValue());
    }

    @Test
    void clientsWithoutAKeyQuotasAndNearIdenticalAreasOfAnotherClient() {
        Memory store = new Memory();
        AreaRegistry r = new AreaRegistry(
                new DifferencingSettings(DifferencingSettings.BuildingBlocks.DATA_ZONE, 2, 0),
                new ClientLimits(true, 1, 1, 5),
                store);
        assertThatThrownBy(() ->
                        r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 6, 7, 8, 9), "address:1", true))
                .isInstanceOfSatisfying(
                        ClientLimitException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClientLimitException.Reason.API_KEY_NEEDED));
        ch.qos.logback.classic.Logger audit =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("cairn.audit");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        audit.addAppender(lines);
        try {
            r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 6, 7, 8, 9), "key:a", false);
            // The same area again costs nothing; a second new one is over the quota of one a day.
            r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 6, 7, 8, 9), "key:a", false);
            assertThatThrownBy(
                            () -> r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 3, 4, 5), "key:a", false))
                    .isInstanceOfSatisfying(
                            ClientLimitException.class,
                            e -> assertThat(e.reason()).isEqualTo(ClientLimitException.Reason.CLIENT_QUOTA));
            // Another client's area four zones away from the first: admitted, and named in the audit log with the
            // first's client.
            r.admit("d", 1, AreaRegistryTest::geography, zones(0, 1, 2, 3, 4, 5, 8, 9), "key:b", false);
        } finally {
            audit.detachAppender(lines);
        }
        assertThat(lines.list)
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m)
                        .contains("near-identical-area", "client=key:b", "earlierClient=key:a", "zonesDiffering=5"));
    }
}
