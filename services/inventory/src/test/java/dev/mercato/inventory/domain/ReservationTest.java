package dev.mercato.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.inventory.domain.ReservationRefused.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReservationTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(15));
    private static final Sku A = new Sku("MC-000001");
    private static final Sku B = new Sku("MC-000002");

    private final OrderId order = new OrderId(UUID.randomUUID());

    @Test
    void reservesEveryLineWhenAllAreAvailable() {
        var attempt = Reservation.attempt(
                order, Lines.of(new Line(B, 2), new Line(A, 3)), stock(level(A, 10, 7), level(B, 2, 0)), EXPIRES);

        assertThat(attempt.reservation().state()).isEqualTo(ReservationState.RESERVED);
        assertThat(attempt.reservation().wasReserved()).isTrue();
        assertThat(attempt.reservation().expiresAt()).isEqualTo(EXPIRES);
        assertThat(attempt.changes())
                .containsExactly(
                        new StockChange(A, MovementKind.RESERVE, 0, 3), new StockChange(B, MovementKind.RESERVE, 0, 2));
    }

    @Test
    void holdsNothingWhenOneLineIsShort() {
        var attempt = Reservation.attempt(
                order, Lines.of(new Line(A, 3), new Line(B, 3)), stock(level(A, 10, 0), level(B, 5, 3)), EXPIRES);

        assertThat(attempt.reservation().state()).isEqualTo(ReservationState.REJECTED);
        assertThat(attempt.reservation().wasReserved()).isFalse();
        assertThat(attempt.reservation().expiresAt()).isNull();
        assertThat(attempt.reservation().shortages()).containsExactly(new Shortage(B, 3, 2));
        assertThat(attempt.changes()).isEmpty();
    }

    @Test
    void treatsAnUnknownSkuAsNothingAvailable() {
        var attempt = Reservation.attempt(order, Lines.of(new Line(A, 1)), Map.of(), EXPIRES);

        assertThat(attempt.reservation().shortages()).containsExactly(new Shortage(A, 1, 0));
    }

    @Test
    void commitTakesHeldUnitsOutOfStockOnce() {
        Reservation reservation = reserved(new Line(A, 3));

        assertThat(reservation.commit(NOW)).containsExactly(new StockChange(A, MovementKind.COMMIT, -3, -3));
        assertThat(reservation.state()).isEqualTo(ReservationState.COMMITTED);
        assertThat(reservation.commit(NOW)).isEmpty();
    }

    @Test
    void commitPastTheExpiryExpiresInstead() {
        Reservation reservation = reserved(new Line(A, 3));

        assertThat(reservation.commit(EXPIRES)).containsExactly(new StockChange(A, MovementKind.EXPIRE, 0, -3));
        assertThat(reservation.state()).isEqualTo(ReservationState.EXPIRED);
    }

    @Test
    void refusesCommitOfAReservationThatHoldsNothing() {
        Reservation released = reserved(new Line(A, 1));
        released.release();
        Reservation rejected = Reservation.attempt(order, Lines.of(new Line(A, 1)), Map.of(), EXPIRES)
                .reservation();

        for (Reservation reservation : List.of(released, rejected, Reservation.releasedBeforeReserve(order))) {
            assertThatThrownBy(() -> reservation.commit(NOW))
                    .isInstanceOfSatisfying(
                            ReservationRefused.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_STATE));
        }
    }

    @Test
    void releaseGivesHeldUnitsBackOnce() {
        Reservation reservation = reserved(new Line(A, 3), new Line(B, 1));

        assertThat(reservation.release())
                .containsExactly(
                        new StockChange(A, MovementKind.RELEASE, 0, -3),
                        new StockChange(B, MovementKind.RELEASE, 0, -1));
        assertThat(reservation.state()).isEqualTo(ReservationState.RELEASED);
        assertThat(reservation.release()).isEmpty();
    }

    @Test
    void releaseOfAnExpiredOrRejectedReservationKeepsItsState() {
        Reservation expired = reserved(new Line(A, 3));
        expired.expire(EXPIRES);
        Reservation rejected = Reservation.attempt(order, Lines.of(new Line(A, 1)), Map.of(), EXPIRES)
                .reservation();

        assertThat(expired.release()).isEmpty();
        assertThat(expired.state()).isEqualTo(ReservationState.EXPIRED);
        assertThat(rejected.release()).isEmpty();
        assertThat(rejected.state()).isEqualTo(ReservationState.REJECTED);
    }

    @Test
    void refusesReleaseAfterCommit() {
        Reservation reservation = reserved(new Line(A, 3));
        reservation.commit(NOW);

        assertThatThrownBy(reservation::release).isInstanceOf(ReservationRefused.class);
    }

    @Test
    void expiresOnlyReservedReservationsPastTheirExpiry() {
        Reservation reservation = reserved(new Line(A, 3));

        assertThat(reservation.expire(EXPIRES.minusMillis(1))).isEmpty();
        assertThat(reservation.state()).isEqualTo(ReservationState.RESERVED);
        assertThat(reservation.expire(EXPIRES)).containsExactly(new StockChange(A, MovementKind.EXPIRE, 0, -3));
        assertThat(reservation.expire(EXPIRES)).isEmpty();
    }

    @Test
    void replaysTheSameLinesInAnyOrder() {
        Reservation reservation = reserved(new Line(A, 3), new Line(B, 1));

        reservation.replay(Lines.of(new Line(B, 1), new Line(A, 3)));

        assertThat(reservation.state()).isEqualTo(ReservationState.RESERVED);
    }

    @Test
    void refusesAReplayWithDifferentLines() {
        Reservation reservation = reserved(new Line(A, 3));

        assertThatThrownBy(() -> reservation.replay(Lines.of(new Line(A, 4))))
                .isInstanceOfSatisfying(
                        ReservationRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.DIFFERENT_LINES));
    }

    @Test
    void refusesAReserveAfterARelease() {
        Reservation early = Reservation.releasedBeforeReserve(order);
        Reservation released = reserved(new Line(A, 3));
        released.release();

        for (Reservation reservation : List.of(early, released)) {
            assertThatThrownBy(() -> reservation.replay(Lines.of(new Line(A, 3))))
                    .isInstanceOfSatisfying(
                            ReservationRefused.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_STATE));
        }
    }

    private Reservation reserved(Line... lines) {
        Lines all = Lines.of(lines);
        Map<Sku, StockLevel> plenty = new java.util.HashMap<>();
        all.skus().forEach(sku -> plenty.put(sku, level(sku, 100, 0)));
        return Reservation.attempt(order, all, plenty, EXPIRES).reservation();
    }

    private static StockLevel level(Sku sku, int onHand, int reserved) {
        return new StockLevel(sku, onHand, reserved);
    }

    private static Map<Sku, StockLevel> stock(StockLevel... levels) {
        Map<Sku, StockLevel> stock = new java.util.HashMap<>();
        for (StockLevel level : levels) {
            stock.put(level.sku(), level);
        }
        return stock;
    }
}
