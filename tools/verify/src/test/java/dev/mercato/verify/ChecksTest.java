package dev.mercato.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.verify.Snapshot.Order;
import dev.mercato.verify.Snapshot.Payment;
import dev.mercato.verify.Snapshot.ProviderPayment;
import dev.mercato.verify.Snapshot.Quantities;
import dev.mercato.verify.Snapshot.Stock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final World world = new World();

    @Test
    void aConsistentWorldHasNoViolations() {
        world.confirmed(1200).cancelledBeforePayment().cancelledAfterVoid(500).stock("MC-1", 10, 2, 2);

        assertThat(Checks.all(world.snapshot(), NOW)).isEmpty();
    }

    @Test
    void reportsAnOrderThatNeverFinished() {
        world.orders.add(
                new Order(UUID.randomUUID(), "PENDING", "AUTHORIZE_PAYMENT", NOW.minusSeconds(600), 100, null));

        assertThat(Checks.all(world.snapshot(), NOW)).singleElement().satisfies(violation -> {
            assertThat(violation.invariant()).isEqualTo(Invariant.ORDER_TERMINAL);
            assertThat(violation.detail()).contains("AUTHORIZE_PAYMENT", "600 s");
        });
    }

    @Test
    void reportsAConfirmedOrderCapturedTwiceAtTheProvider() {
        UUID order = world.confirmedId(700);
        world.provider.add(new ProviderPayment("pay_2", order.toString(), "CAPTURED", 700, 700, 0));

        assertThat(invariants()).contains(Invariant.CONFIRMED_CAPTURED_ONCE, Invariant.IDEMPOTENT_EFFECT);
    }

    @Test
    void reportsAConfirmedOrderWithoutCapture() {
        UUID order = world.confirmedId(700);
        world.provider.clear();
        world.payments.put(order, new Payment(order, "AUTHORIZED", 700, 0, 0));

        assertThat(invariants()).containsOnly(Invariant.CONFIRMED_CAPTURED_ONCE);
    }

    @Test
    void reportsMoneyKeptForACancelledOrder() {
        UUID order = UUID.randomUUID();
        world.orders.add(new Order(order, "CANCELLED", "DONE", NOW, 300, "deadline_exceeded"));
        world.provider.add(new ProviderPayment("pay_9", order.toString(), "CAPTURED", 300, 300, 0));

        assertThat(invariants()).containsOnly(Invariant.CAPTURE_HAS_CONFIRMED_ORDER);
    }

    @Test
    void aRefundedCaptureOfACancelledOrderIsFine() {
        UUID order = UUID.randomUUID();
        world.orders.add(new Order(order, "CANCELLED", "DONE", NOW, 300, "cancelled_by_customer"));
        world.provider.add(new ProviderPayment("pay_9", order.toString(), "REFUNDED", 300, 300, 300));
        world.reservations.put(order, "COMMITTED");

        assertThat(Checks.all(world.snapshot(), NOW)).isEmpty();
    }

    @Test
    void reportsAnAuthorizationLeftOpenByACancelledOrder() {
        UUID order = UUID.randomUUID();
        world.orders.add(new Order(order, "CANCELLED", "DONE", NOW, 300, "out_of_stock"));
        world.provider.add(new ProviderPayment("pay_3", order.toString(), "AUTHORIZED", 300, 0, 0));

        assertThat(invariants()).containsOnly(Invariant.NO_OPEN_AUTHORIZATION);
    }

    @Test
    void reportsNegativeStockAndAReservedCountAboveOnHand() {
        world.stock("MC-1", -1, 0, 0).stock("MC-2", 1, 2, 2);

        assertThat(invariants()).containsOnly(Invariant.STOCK_NON_NEGATIVE);
    }

    @Test
    void reportsStockThatDisagreesWithItsLedgerOrItsReservations() {
        world.stock("MC-1", 10, 2, 2);
        world.ledger.put("MC-1", new Quantities(11, 2));
        world.stock("MC-2", 10, 3, 1);

        assertThat(Checks.stock(world.snapshot()))
                .extracting(Violation::subject)
                .containsExactly("sku MC-1", "sku MC-2");
    }

    @Test
    void reportsAConfirmedOrderWhoseStockWasNeverCommittedAndACancelledOneStillHolding() {
        UUID confirmed = world.confirmedId(100);
        world.reservations.put(confirmed, "RESERVED");
        UUID cancelled = UUID.randomUUID();
        world.orders.add(new Order(cancelled, "CANCELLED", "DONE", NOW, 100, "payment_declined"));
        world.reservations.put(cancelled, "RESERVED");

        assertThat(Checks.reservations(world.snapshot())).hasSize(2);
    }

    @Test
    void reportsAnOrderThatDidNotComeThroughExactlyOneIdempotencyKey() {
        world.keys.add("order 0b6e… has 0 idempotency keys");

        assertThat(invariants()).containsOnly(Invariant.IDEMPOTENT_EFFECT);
    }

    private List<Invariant> invariants() {
        return Checks.all(world.snapshot(), NOW).stream()
                .map(Violation::invariant)
                .toList();
    }

    /** A small, consistent set of stores that each test bends in one place. */
    private static final class World {
        final List<Order> orders = new ArrayList<>();
        final Map<UUID, Payment> payments = new HashMap<>();
        final List<ProviderPayment> provider = new ArrayList<>();
        final List<Stock> stock = new ArrayList<>();
        final Map<String, Quantities> ledger = new HashMap<>();
        final Map<String, Long> openlyReserved = new HashMap<>();
        final Map<UUID, String> reservations = new HashMap<>();
        final List<String> keys = new ArrayList<>();

        UUID confirmedId(long total) {
            UUID id = UUID.randomUUID();
            orders.add(new Order(id, "CONFIRMED", "DONE", NOW, total, null));
            payments.put(id, new Payment(id, "CAPTURED", total, total, 0));
            provider.add(new ProviderPayment("pay_" + id, id.toString(), "CAPTURED", total, total, 0));
            reservations.put(id, "COMMITTED");
            return id;
        }

        World confirmed(long total) {
            confirmedId(total);
            return this;
        }

        World cancelledBeforePayment() {
            UUID id = UUID.randomUUID();
            orders.add(new Order(id, "CANCELLED", "DONE", NOW, 100, "out_of_stock"));
            reservations.put(id, "REJECTED");
            return this;
        }

        World cancelledAfterVoid(long total) {
            UUID id = UUID.randomUUID();
            orders.add(new Order(id, "CANCELLED", "DONE", NOW, total, "payment_declined"));
            payments.put(id, new Payment(id, "VOIDED", total, 0, 0));
            provider.add(new ProviderPayment("pay_" + id, id.toString(), "VOIDED", total, 0, 0));
            reservations.put(id, "RELEASED");
            return this;
        }

        World stock(String sku, long onHand, long reserved, long open) {
            stock.add(new Stock(sku, onHand, reserved));
            ledger.put(sku, new Quantities(onHand, reserved));
            openlyReserved.put(sku, open);
            return this;
        }

        Snapshot snapshot() {
            return new Snapshot(orders, payments, provider, stock, ledger, openlyReserved, reservations, keys);
        }
    }
}
