package dev.mercato.inventory.domain;

import dev.mercato.inventory.domain.ReservationRefused.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stock held for one order, and the state machine every call on it goes through. Transitions return the ledger
 * movements they cause; the caller applies them to the locked stock rows in the same transaction.
 *
 * <pre>
 *   (none) --Reserve, all lines available--> RESERVED --Commit--> COMMITTED
 *   (none) --Reserve, a line short---------> REJECTED             RESERVED --Release--> RELEASED
 *   (none) --Release-----------------------> RELEASED (remembered) RESERVED --past expiry--> EXPIRED
 * </pre>
 */
public final class Reservation {

    private final OrderId orderId;
    private final List<Line> lines;
    private final Instant expiresAt;
    private final List<Shortage> shortages;
    private ReservationState state;

    private Reservation(
            OrderId orderId, ReservationState state, List<Line> lines, Instant expiresAt, List<Shortage> shortages) {
        this.orderId = Objects.requireNonNull(orderId, "order id");
        this.state = Objects.requireNonNull(state, "state");
        this.lines = List.copyOf(lines);
        this.expiresAt = expiresAt;
        this.shortages = List.copyOf(shortages);
    }

    /** A reservation as it was stored. */
    public static Reservation restore(
            OrderId orderId, ReservationState state, List<Line> lines, Instant expiresAt, List<Shortage> shortages) {
        return new Reservation(orderId, state, lines, expiresAt, shortages);
    }

    /**
     * Holds every line, or none: if any line is short (or its SKU unknown), the reservation is REJECTED with the
     * shortages and no stock moves.
     *
     * @param stock the current stock of the lines' SKUs; a SKU missing here has no stock
     */
    public static Attempt attempt(OrderId orderId, Lines lines, Map<Sku, StockLevel> stock, Instant expiresAt) {
        List<Shortage> shortages = new ArrayList<>();
        for (Line line : lines.all()) {
            int available =
                    stock.getOrDefault(line.sku(), StockLevel.none(line.sku())).available();
            if (available < line.quantity()) {
                shortages.add(new Shortage(line.sku(), line.quantity(), available));
            }
        }
        if (!shortages.isEmpty()) {
            return new Attempt(
                    new Reservation(orderId, ReservationState.REJECTED, lines.all(), null, shortages), List.of());
        }
        Reservation reserved = new Reservation(orderId, ReservationState.RESERVED, lines.all(), expiresAt, List.of());
        return new Attempt(
                reserved, lines.all().stream().map(StockChange::reserve).toList());
    }

    /** Release of an order that never reserved: remembered, so a Reserve arriving late is refused. */
    public static Reservation releasedBeforeReserve(OrderId orderId) {
        return new Reservation(orderId, ReservationState.RELEASED, List.of(), null, List.of());
    }

    /**
     * A Reserve for an order that already has a reservation: the same lines get the first answer again (this
     * reservation, in its state now); different lines, or any Reserve after a Release, are refused.
     */
    public void replay(Lines requested) {
        if (state == ReservationState.RELEASED) {
            throw new ReservationRefused(Reason.WRONG_STATE, "order " + orderId + " was released; Reserve refused");
        }
        if (!Lines.of(lines).sameAs(requested)) {
            throw new ReservationRefused(
                    Reason.DIFFERENT_LINES, "order " + orderId + " already reserved with different lines");
        }
    }

    /**
     * The order was paid. A reservation past its expiry is expired instead (its stock goes back) and the caller
     * answers that the commit came too late; a committed one is a replay with no effect.
     */
    public List<StockChange> commit(Instant now) {
        return switch (state) {
            case COMMITTED -> List.of();
            case RESERVED -> {
                if (pastDue(now)) {
                    yield expire(now);
                }
                state = ReservationState.COMMITTED;
                yield lines.stream().map(StockChange::commit).toList();
            }
            case RELEASED, EXPIRED, REJECTED ->
                throw new ReservationRefused(
                        Reason.WRONG_STATE, "order " + orderId + " is " + state + "; nothing to commit");
        };
    }

    /** Gives held stock back; a reservation that holds nothing any more stays as it is. */
    public List<StockChange> release() {
        return switch (state) {
            case RESERVED -> {
                state = ReservationState.RELEASED;
                yield giveBack(MovementKind.RELEASE);
            }
            case RELEASED, EXPIRED, REJECTED -> List.of();
            case COMMITTED ->
                throw new ReservationRefused(
                        Reason.WRONG_STATE, "order " + orderId + " is committed; it cannot be released");
        };
    }

    /** Gives held stock back once the expiry has passed; anything else is left alone. */
    public List<StockChange> expire(Instant now) {
        if (state != ReservationState.RESERVED || !pastDue(now)) {
            return List.of();
        }
        state = ReservationState.EXPIRED;
        return giveBack(MovementKind.EXPIRE);
    }

    public boolean pastDue(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    private List<StockChange> giveBack(MovementKind kind) {
        return lines.stream().map(line -> StockChange.giveBack(line, kind)).toList();
    }

    public OrderId orderId() {
        return orderId;
    }

    public ReservationState state() {
        return state;
    }

    /** The requested lines; empty for a Release that came before any Reserve. */
    public List<Line> lines() {
        return lines;
    }

    /** Until when stock is (or was) held; null when nothing was ever held. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Why the reservation was rejected; empty unless REJECTED. */
    public List<Shortage> shortages() {
        return shortages;
    }

    /** The first answer to Reserve: was stock held? */
    public boolean wasReserved() {
        return state != ReservationState.REJECTED && !lines.isEmpty();
    }

    /** A new reservation and the movements that made it. */
    public record Attempt(Reservation reservation, List<StockChange> changes) {}
}
