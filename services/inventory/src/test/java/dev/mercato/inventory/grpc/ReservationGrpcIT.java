package dev.mercato.inventory.grpc;

import static dev.mercato.inventory.grpc.Requests.commit;
import static dev.mercato.inventory.grpc.Requests.release;
import static dev.mercato.inventory.grpc.Requests.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.contracts.inventory.v1.CommitResponse;
import dev.mercato.contracts.inventory.v1.GetStockRequest;
import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.contracts.inventory.v1.ReserveResponse;
import dev.mercato.contracts.inventory.v1.Shortage;
import dev.mercato.contracts.inventory.v1.StockLevel;
import dev.mercato.inventory.InventoryIntegrationTest;
import dev.mercato.inventory.domain.Sku;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Reserve, Commit, Release and GetStock over a real gRPC socket, with the ordering service's token. */
class ReservationGrpcIT extends InventoryIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void reservesEveryLineAndCommitTakesThemOutOfStock() {
        Sku lamp = stocked(10);
        Sku desk = stocked(5);
        UUID order = UUID.randomUUID();
        double reservedBefore = counted("reserved");

        ReserveResponse reserved = inventory()
                .reserve(reserve(order, desk.value(), 2, lamp.value(), 3).build());

        assertThat(reserved.getState()).isEqualTo(ReservationState.RESERVATION_STATE_RESERVED);
        assertThat(reserved.getReserved().getLinesList())
                .extracting(l -> l.getSku() + "x" + l.getQuantity())
                .containsExactlyInAnyOrder(lamp + "x3", desk + "x2");
        Instant expiresAt =
                Instant.ofEpochSecond(reserved.getReserved().getExpiresAt().getSeconds());
        assertThat(expiresAt)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(14)),
                        Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(level(lamp)).isEqualTo(List.of(10, 3, 7));
        assertThat(counted("reserved")).isEqualTo(reservedBefore + 1);

        CommitResponse committed = inventory().commit(commit(order));

        assertThat(committed.getState()).isEqualTo(ReservationState.RESERVATION_STATE_COMMITTED);
        assertThat(committed.getLinesCount()).isEqualTo(2);
        assertThat(level(lamp)).isEqualTo(List.of(7, 0, 7));
        assertThat(level(desk)).isEqualTo(List.of(3, 0, 3));
        assertThat(actors(order)).containsOnly("ordering");
    }

    @Test
    void answersOutOfStockAndHoldsNothing() {
        Sku scarce = stocked(2);
        Sku plenty = stocked(50);
        UUID order = UUID.randomUUID();
        ReserveRequest request = reserve(order, plenty.value(), 1, scarce.value(), 3, "NOBODY-KNOWS", 1)
                .build();

        ReserveResponse answer = inventory().reserve(request);

        assertThat(answer.getState()).isEqualTo(ReservationState.RESERVATION_STATE_REJECTED);
        assertThat(answer.getOutOfStock().getShortagesList())
                .extracting(Shortage::getSku, Shortage::getRequested, Shortage::getAvailable)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(scarce.value(), 3, 2),
                        org.assertj.core.groups.Tuple.tuple("NOBODY-KNOWS", 1, 0));
        assertThat(level(scarce)).isEqualTo(List.of(2, 0, 2));
        assertThat(level(plenty)).isEqualTo(List.of(50, 0, 50));
        assertThat(inventory().reserve(request)).as("a replay").isEqualTo(answer);
        assertStatus(() -> inventory().commit(commit(order)), Status.Code.FAILED_PRECONDITION);
        assertThat(inventory().release(release(order)).getState())
                .isEqualTo(ReservationState.RESERVATION_STATE_REJECTED);
    }

    @Test
    void replaysReturnTheFirstAnswerWithTheStateNow() {
        Sku lamp = stocked(10);
        Sku desk = stocked(10);
        UUID order = UUID.randomUUID();
        ReserveResponse first = inventory()
                .reserve(reserve(order, lamp.value(), 1, desk.value(), 2).build());

        ReserveResponse replay = inventory()
                .reserve(reserve(order, desk.value(), 2, lamp.value(), 1).build());
        inventory().commit(commit(order));
        ReserveResponse afterCommit = inventory()
                .reserve(reserve(order, lamp.value(), 1, desk.value(), 2).build());
        CommitResponse commitAgain = inventory().commit(commit(order));

        assertThat(replay).isEqualTo(first);
        assertThat(afterCommit.getState()).isEqualTo(ReservationState.RESERVATION_STATE_COMMITTED);
        assertThat(afterCommit.getReserved()).isEqualTo(first.getReserved());
        assertThat(commitAgain.getState()).isEqualTo(ReservationState.RESERVATION_STATE_COMMITTED);
        assertThat(level(lamp)).isEqualTo(List.of(9, 0, 9));
        assertThat(movements(order)).containsExactly("COMMIT", "COMMIT", "RESERVE", "RESERVE");
    }

    @Test
    void refusesAReserveWithDifferentLinesForTheSameOrder() {
        Sku lamp = stocked(10);
        UUID order = UUID.randomUUID();
        inventory().reserve(reserve(order, lamp, 1));

        assertStatus(() -> inventory().reserve(reserve(order, lamp, 2)), Status.Code.ALREADY_EXISTS);
        assertStatus(
                () -> inventory()
                        .reserve(reserve(order, lamp.value(), 1, "OTHER", 1).build()),
                Status.Code.ALREADY_EXISTS);
        assertThat(level(lamp)).isEqualTo(List.of(10, 1, 9));
    }

    @Test
    void releaseGivesTheUnitsBackOnceAndEndsTheReservation() {
        Sku lamp = stocked(10);
        UUID order = UUID.randomUUID();
        inventory().reserve(reserve(order, lamp, 4));

        assertThat(inventory().release(release(order)).getState())
                .isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
        assertThat(inventory().release(release(order)).getState())
                .isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
        assertThat(level(lamp)).isEqualTo(List.of(10, 0, 10));
        assertStatus(() -> inventory().commit(commit(order)), Status.Code.FAILED_PRECONDITION);
        assertStatus(() -> inventory().reserve(reserve(order, lamp, 4)), Status.Code.FAILED_PRECONDITION);
        assertThat(movements(order)).containsExactly("RELEASE", "RESERVE");
    }

    @Test
    void refusesReleaseAfterCommit() {
        Sku lamp = stocked(10);
        UUID order = UUID.randomUUID();
        inventory().reserve(reserve(order, lamp, 4));
        inventory().commit(commit(order));

        assertStatus(() -> inventory().release(release(order)), Status.Code.FAILED_PRECONDITION);
        assertThat(level(lamp)).isEqualTo(List.of(6, 0, 6));
    }

    @Test
    void remembersAReleaseBeforeAnyReserveAndRefusesTheLateReserve() {
        Sku lamp = stocked(10);
        UUID order = UUID.randomUUID();

        assertThat(inventory().release(release(order)).getState())
                .isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
        assertStatus(() -> inventory().reserve(reserve(order, lamp, 1)), Status.Code.FAILED_PRECONDITION);
        assertThat(level(lamp)).isEqualTo(List.of(10, 0, 10));
        assertStatus(() -> inventory().commit(commit(order)), Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void answersNotFoundForACommitOfAnOrderThatNeverReserved() {
        assertStatus(() -> inventory().commit(commit(UUID.randomUUID())), Status.Code.NOT_FOUND);
    }

    @Test
    void getStockLeavesUnknownSkusOut() {
        Sku lamp = stocked(7);

        List<StockLevel> levels = inventory()
                .getStock(GetStockRequest.newBuilder()
                        .addSkus(lamp.value())
                        .addSkus("MC-000011")
                        .addSkus("NOBODY-KNOWS")
                        .build())
                .getLevelsList();

        assertThat(levels)
                .extracting(StockLevel::getSku, StockLevel::getOnHand, StockLevel::getAvailable)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(lamp.value(), 7, 7),
                        org.assertj.core.groups.Tuple.tuple("MC-000011", 0, 0));
    }

    static Stream<Arguments> malformedReserves() {
        UUID order = UUID.randomUUID();
        return Stream.of(
                Arguments.of("order id", reserve(UUID.randomUUID(), "A", 1).setOrderId("not-a-uuid")),
                Arguments.of("no lines", reserve(order)),
                Arguments.of("a SKU twice", reserve(order, "A", 1, "A", 2)),
                Arguments.of("quantity 0", reserve(order, "A", 0)),
                Arguments.of("quantity above 10000", reserve(order, "A", 10_001)),
                Arguments.of("empty SKU", reserve(order, "", 1)),
                Arguments.of("SKU of 65 characters", reserve(order, "X".repeat(65), 1)),
                Arguments.of(
                        "101 lines",
                        reserve(
                                order,
                                IntStream.range(0, 101)
                                        .boxed()
                                        .flatMap(i -> Stream.of((Object) ("S" + i), 1))
                                        .toArray())),
                Arguments.of("ttl 0", reserve(order, "A", 1).setTtl(Requests.millis(0))),
                Arguments.of(
                        "negative ttl",
                        reserve(order, "A", 1)
                                .setTtl(com.google.protobuf.Duration.newBuilder()
                                        .setSeconds(-5))),
                Arguments.of(
                        "ttl above 24 h",
                        reserve(order, "A", 1)
                                .setTtl(Requests.millis(
                                        Duration.ofHours(24).plusSeconds(1).toMillis()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedReserves")
    void rejectsAMalformedReserve(String what, ReserveRequest.Builder request) {
        assertStatus(() -> inventory().reserve(request.build()), Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void rejectsMalformedOrderIdsAndStockQueries() {
        assertStatus(
                () -> inventory()
                        .commit(commit(UUID.randomUUID()).toBuilder()
                                .setOrderId("1")
                                .build()),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(
                () -> inventory()
                        .release(release(UUID.randomUUID()).toBuilder()
                                .setOrderId("")
                                .build()),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> inventory().getStock(GetStockRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void acceptsOnlyServiceTokensForInventory() {
        GetStockRequest request =
                GetStockRequest.newBuilder().addSkus("MC-000001").build();

        assertStatus(() -> stub(null).getStock(request), Status.Code.UNAUTHENTICATED);
        assertStatus(
                () -> stub(IDENTITY.signWithRogueKey(
                                IDENTITY.serviceClaims("ordering", "inventory", Duration.ofMinutes(1))
                                        .build()))
                        .getStock(request),
                Status.Code.UNAUTHENTICATED);
        assertStatus(() -> stub(IDENTITY.token("admin")).getStock(request), Status.Code.PERMISSION_DENIED);
        assertStatus(
                () -> stub(IDENTITY.serviceToken("ordering", "payment")).getStock(request),
                Status.Code.PERMISSION_DENIED);
        assertThat(inventory().getStock(request).getLevelsCount()).isEqualTo(1);
    }

    private List<Integer> level(Sku sku) {
        StockLevel level = inventory()
                .getStock(GetStockRequest.newBuilder().addSkus(sku.value()).build())
                .getLevels(0);
        return List.of(level.getOnHand(), level.getReserved(), level.getAvailable());
    }

    private List<String> movements(UUID order) {
        return jdbc.sql("select kind from stock_movement where order_id = ? order by kind")
                .param(order)
                .query(String.class)
                .list();
    }

    private List<String> actors(UUID order) {
        return jdbc.sql("select actor from stock_movement where order_id = ?")
                .param(order)
                .query(String.class)
                .list();
    }

    private double counted(String outcome) {
        var counter =
                meters.find("inventory.reservations").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    static void assertStatus(ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode())
                                .as(e.getStatus().toString())
                                .isEqualTo(code));
    }
}
