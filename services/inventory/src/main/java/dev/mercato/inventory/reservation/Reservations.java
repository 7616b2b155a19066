package dev.mercato.inventory.reservation;

import dev.mercato.inventory.domain.Lines;
import dev.mercato.inventory.domain.OrderId;
import dev.mercato.inventory.domain.Reservation;
import dev.mercato.inventory.domain.ReservationRefused;
import dev.mercato.inventory.domain.ReservationRefused.Reason;
import dev.mercato.inventory.domain.ReservationState;
import dev.mercato.inventory.domain.StockChange;
import dev.mercato.inventory.reservation.ReservationMetrics.Outcome;
import dev.mercato.inventory.stock.Posting;
import dev.mercato.inventory.stock.StockRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reserve, Commit and Release, each idempotent per order and each one transaction: the reservation row, then the
 * stock rows of its SKUs (locked in SKU order), then the ledger.
 */
@Service
public class Reservations {

    private final ReservationRepository reservations;
    private final StockRepository stock;
    private final TransactionTemplate tx;
    private final ReservationProperties properties;
    private final ReservationMetrics metrics;
    private final Clock clock;

    Reservations(
            ReservationRepository reservations,
            StockRepository stock,
            TransactionTemplate tx,
            ReservationProperties properties,
            ReservationMetrics metrics,
            Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.tx = tx;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Holds every line until the expiry, or nothing (REJECTED with the shortages). A second Reserve for the order
     * returns the reservation as it is now, with its first outcome.
     *
     * @param ttl null for the default
     * @throws IllegalArgumentException for a ttl that is not positive or above the maximum
     * @throws ReservationRefused for different lines than the first Reserve, or after a Release
     */
    public Reservation reserve(OrderId order, Lines lines, Duration ttl, String actor) {
        Duration hold = ttl == null ? properties.defaultTtl() : ttl;
        if (hold.isNegative() || hold.isZero() || hold.compareTo(properties.maxTtl()) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + properties.maxTtl());
        }
        // stored with PostgreSQL's microseconds: the first answer and its replays show the same instant
        Instant expiresAt = clock.instant().plus(hold).truncatedTo(ChronoUnit.MILLIS);
        Attempt attempt = counted(() -> tx.execute(status -> {
            if (!reservations.claim(order, lines, expiresAt)) {
                Reservation existing = reservations.find(order).orElseThrow();
                existing.replay(lines);
                return new Attempt(existing, true);
            }
            // Shortcut without the lock: what the committed stock cannot serve now is out of stock now.
            Reservation.Attempt made = Reservation.attempt(order, lines, stock.find(lines.skus()), expiresAt);
            if (made.reservation().wasReserved()) {
                made = Reservation.attempt(order, lines, stock.lock(lines.skus()), expiresAt);
            }
            if (made.reservation().wasReserved()) {
                stock.apply(Posting.of(order, made.changes()), actor);
            } else {
                reservations.saveRejection(made.reservation());
            }
            return new Attempt(made.reservation(), false);
        }));
        metrics.count(
                attempt.replayed()
                        ? Outcome.REPLAYED
                        : attempt.reservation().wasReserved() ? Outcome.RESERVED : Outcome.OUT_OF_STOCK);
        return attempt.reservation();
    }

    /**
     * Takes the held units out of stock. A reservation found past its expiry is expired on the spot and the commit
     * refused.
     *
     * @throws ReservationRefused for an unknown order, or a reservation that is not (or no longer) held
     */
    public Reservation commit(OrderId order, String actor) {
        Change change = counted(() -> tx.execute(status -> {
            Reservation reservation = reservations
                    .lock(order)
                    .orElseThrow(
                            () -> new ReservationRefused(Reason.UNKNOWN_ORDER, "order " + order + " never reserved"));
            return apply(reservation, reservation.commit(clock.instant()), actor);
        }));
        Reservation reservation = change.reservation();
        if (reservation.state() == ReservationState.EXPIRED) {
            metrics.count(Outcome.EXPIRED);
            metrics.count(Outcome.REFUSED);
            throw new ReservationRefused(
                    Reason.WRONG_STATE, "the reservation of order " + order + " expired at " + reservation.expiresAt());
        }
        metrics.count(change.changed() ? Outcome.COMMITTED : Outcome.REPLAYED);
        return reservation;
    }

    /**
     * Gives held units back. An order without a reservation is remembered as released, so a late Reserve is refused.
     *
     * @throws ReservationRefused after a Commit
     */
    public Reservation release(OrderId order, String actor) {
        Change change = counted(() -> tx.execute(status -> {
            Optional<Reservation> found = reservations.lock(order);
            while (found.isEmpty()) {
                if (reservations.insertReleased(order)) {
                    return new Change(Reservation.releasedBeforeReserve(order), true);
                }
                found = reservations.lock(order);
            }
            Reservation reservation = found.get();
            return apply(reservation, reservation.release(), actor);
        }));
        metrics.count(change.changed() ? Outcome.RELEASED : Outcome.REPLAYED);
        return change.reservation();
    }

    private Change apply(Reservation reservation, List<StockChange> changes, String actor) {
        if (changes.isEmpty()) {
            return new Change(reservation, false);
        }
        stock.lock(changes.stream().map(StockChange::sku).toList());
        stock.apply(Posting.of(reservation.orderId(), changes), actor);
        reservations.updateState(List.of(reservation));
        return new Change(reservation, true);
    }

    private <T> T counted(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ReservationRefused e) {
            metrics.count(Outcome.REFUSED);
            throw e;
        }
    }

    private record Attempt(Reservation reservation, boolean replayed) {}

    private record Change(Reservation reservation, boolean changed) {}
}
