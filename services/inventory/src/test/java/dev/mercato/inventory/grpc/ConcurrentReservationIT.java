package dev.mercato.inventory.grpc;

import static dev.mercato.inventory.grpc.Requests.commit;
import static dev.mercato.inventory.grpc.Requests.release;
import static dev.mercato.inventory.grpc.Requests.reserve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.contracts.inventory.v1.ReserveResponse;
import dev.mercato.inventory.InventoryIntegrationTest;
import dev.mercato.inventory.domain.Sku;
import dev.mercato.inventory.domain.StockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many callers at once over real gRPC: never oversold, never double-reserved, never deadlocked. */
class ConcurrentReservationIT extends InventoryIntegrationTest {

    @Test
    void twoHundredCheckoutsForTenUnitsReserveExactlyTen() throws Exception {
        Sku lastUnits = stocked(10);
        List<UUID> orders =
                IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();

        List<ReserveResponse> answers = allAtOnce(orders, order -> inventory().reserve(reserve(order, lastUnits, 1)));

        Map<ReservationState, Long> byState =
                answers.stream().collect(Collectors.groupingBy(ReserveResponse::getState, Collectors.counting()));
        assertThat(byState)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ReservationState.RESERVATION_STATE_RESERVED, 10L,
                        ReservationState.RESERVATION_STATE_REJECTED, 190L));
        assertThat(answers.stream()
                        .filter(answer -> answer.hasOutOfStock())
                        .map(answer -> answer.getOutOfStock().getShortages(0).getAvailable()))
                .containsOnly(0);
        assertThat(level(lastUnits)).isEqualTo(new StockLevel(lastUnits, 10, 10));

        List<UUID> winners = answers.stream()
                .filter(ReserveResponse::hasReserved)
                .map(answer -> UUID.fromString(answer.getOrderId()))
                .toList();
        allAtOnce(winners, order -> inventory().commit(commit(order)));

        assertThat(level(lastUnits)).isEqualTo(new StockLevel(lastUnits, 0, 0));
        assertThat(jdbc.sql("select count(*) from stock_movement where sku = ? and kind = 'COMMIT'")
                        .param(lastUnits.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
    }

    @Test
    void concurrentDuplicatesOfOneReserveHaveOneEffect() throws Exception {
        Sku lamp = stocked(100);
        UUID order = UUID.randomUUID();
        ReserveRequest request = reserve(order, lamp, 7);

        List<ReserveResponse> answers = allAtOnce(
                IntStream.range(0, 30).boxed().toList(), i -> inventory().reserve(request));

        assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.getFirst()));
        assertThat(answers.getFirst().getState()).isEqualTo(ReservationState.RESERVATION_STATE_RESERVED);
        assertThat(level(lamp)).isEqualTo(new StockLevel(lamp, 100, 7));
        assertThat(jdbc.sql("select count(*) from stock_movement where order_id = ?")
                        .param(order)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void ordersOfTheSameSkusInOppositeOrderDoNotDeadlock() throws Exception {
        Sku a = stocked(1000);
        Sku b = stocked(1000);
        Sku c = stocked(1000);
        List<UUID> orders =
                IntStream.range(0, 90).mapToObj(i -> UUID.randomUUID()).toList();

        List<ReservationState> outcomes = allAtOnce(orders, order -> {
            int n = orders.indexOf(order);
            ReserveRequest.Builder request = n % 2 == 0
                    ? reserve(order, a.value(), 1, b.value(), 2, c.value(), 3)
                    : reserve(order, c.value(), 3, b.value(), 2, a.value(), 1);
            inventory().reserve(request.build());
            // then each order ends one way or the other, while others still reserve the same rows
            return switch (n % 3) {
                case 0 -> inventory().commit(commit(order)).getState();
                case 1 -> inventory().release(release(order)).getState();
                default -> ReservationState.RESERVATION_STATE_RESERVED;
            };
        });

        assertThat(outcomes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ReservationState.RESERVATION_STATE_COMMITTED, 30L,
                        ReservationState.RESERVATION_STATE_RELEASED, 30L,
                        ReservationState.RESERVATION_STATE_RESERVED, 30L));
        assertThat(level(a)).isEqualTo(new StockLevel(a, 970, 30));
        assertThat(level(c)).isEqualTo(new StockLevel(c, 1000 - 90, 90));
    }

    private StockLevel level(Sku sku) {
        return stockAdmin.get(sku).orElseThrow();
    }

    /** Runs the call for every item at the same moment; any failure fails the test. */
    private static <T, R> List<R> allAtOnce(List<T> items, java.util.function.Function<T, R> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                Callable<R> task = () -> {
                    start.await();
                    return call.apply(item);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
