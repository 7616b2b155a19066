package dev.mercato.verify;

import dev.mercato.verify.Snapshot.Order;
import dev.mercato.verify.Snapshot.Payment;
import dev.mercato.verify.Snapshot.ProviderPayment;
import dev.mercato.verify.Snapshot.Quantities;
import dev.mercato.verify.Snapshot.Stock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The invariants as pure functions of a {@link Snapshot}. */
public final class Checks {

    private static final Set<String> CAPTURED = Set.of("CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED");

    private Checks() {}

    public static List<Violation> all(Snapshot snapshot, Instant now) {
        List<Violation> found = new ArrayList<>();
        found.addAll(ordersTerminal(snapshot, now));
        found.addAll(payments(snapshot));
        found.addAll(stock(snapshot));
        found.addAll(reservations(snapshot));
        found.addAll(idempotency(snapshot));
        return found;
    }

    static List<Violation> ordersTerminal(Snapshot snapshot, Instant now) {
        List<Violation> found = new ArrayList<>();
        for (Order order : snapshot.orders()) {
            if (!order.confirmed() && !order.cancelled()) {
                Duration age = Duration.between(order.createdAt(), now);
                found.add(new Violation(
                        Invariant.ORDER_TERMINAL,
                        "order " + order.id(),
                        order.status() + " at " + order.stage() + ", accepted " + age.toSeconds() + " s ago"));
            }
        }
        return found;
    }

    static List<Violation> payments(Snapshot snapshot) {
        Map<String, List<ProviderPayment>> byOrder = new HashMap<>();
        for (ProviderPayment payment : snapshot.providerPayments()) {
            byOrder.computeIfAbsent(payment.orderReference(), key -> new ArrayList<>())
                    .add(payment);
        }
        Map<String, Order> orders = new HashMap<>();
        snapshot.orders().forEach(order -> orders.put(order.id().toString(), order));
        List<Violation> found = new ArrayList<>();
        for (Order order : snapshot.orders()) {
            List<ProviderPayment> atProvider = byOrder.getOrDefault(order.id().toString(), List.of());
            if (order.confirmed()) {
                found.addAll(confirmedCapturedOnce(
                        order, atProvider, snapshot.payments().get(order.id())));
            }
            if (order.cancelled()) {
                atProvider.stream()
                        .filter(payment -> payment.status().equals("AUTHORIZED"))
                        .forEach(payment -> found.add(new Violation(
                                Invariant.NO_OPEN_AUTHORIZATION,
                                "order " + order.id(),
                                "cancelled (" + order.cancellationReason() + ") but provider payment " + payment.id()
                                        + " still holds " + payment.amount())));
            }
        }
        for (ProviderPayment payment : snapshot.providerPayments()) {
            Order order = orders.get(payment.orderReference());
            if (payment.keptByMerchant() > 0 && (order == null || !order.confirmed())) {
                found.add(new Violation(
                        Invariant.CAPTURE_HAS_CONFIRMED_ORDER,
                        "provider payment " + payment.id(),
                        payment.keptByMerchant() + " captured and not refunded for "
                                + (order == null
                                        ? "unknown order " + payment.orderReference()
                                        : order.status() + " order " + order.id())));
            }
        }
        return found;
    }

    private static List<Violation> confirmedCapturedOnce(Order order, List<ProviderPayment> atProvider, Payment ours) {
        List<ProviderPayment> captured =
                atProvider.stream().filter(payment -> payment.captured() > 0).toList();
        String subject = "order " + order.id();
        List<Violation> found = new ArrayList<>();
        if (captured.size() != 1) {
            found.add(new Violation(
                    Invariant.CONFIRMED_CAPTURED_ONCE,
                    subject,
                    "confirmed with " + captured.size() + " captured payments at the provider"));
        } else if (captured.getFirst().captured() != order.totalMinor()) {
            found.add(new Violation(
                    Invariant.CONFIRMED_CAPTURED_ONCE,
                    subject,
                    "total " + order.totalMinor() + " but the provider captured "
                            + captured.getFirst().captured()));
        }
        if (ours == null || !CAPTURED.contains(ours.status())) {
            found.add(new Violation(
                    Invariant.CONFIRMED_CAPTURED_ONCE,
                    subject,
                    "confirmed but payment records " + (ours == null ? "no payment" : ours.status())));
        }
        return found;
    }

    static List<Violation> stock(Snapshot snapshot) {
        List<Violation> found = new ArrayList<>();
        for (Stock stock : snapshot.stock()) {
            String subject = "sku " + stock.sku();
            if (stock.onHand() < 0 || stock.reserved() < 0 || stock.reserved() > stock.onHand()) {
                found.add(new Violation(
                        Invariant.STOCK_NON_NEGATIVE,
                        subject,
                        "on hand " + stock.onHand() + ", reserved " + stock.reserved()));
            }
            Quantities ledger = snapshot.ledger().getOrDefault(stock.sku(), new Quantities(0, 0));
            if (ledger.onHand() != stock.onHand() || ledger.reserved() != stock.reserved()) {
                found.add(new Violation(
                        Invariant.STOCK_CONSERVED,
                        subject,
                        "stock says on hand " + stock.onHand() + ", reserved " + stock.reserved()
                                + "; its ledger sums to " + ledger.onHand() + ", " + ledger.reserved()));
            }
            long open = snapshot.openlyReserved().getOrDefault(stock.sku(), 0L);
            if (open != stock.reserved()) {
                found.add(new Violation(
                        Invariant.STOCK_CONSERVED,
                        subject,
                        "reserved " + stock.reserved() + " but open reservations hold " + open));
            }
        }
        return found;
    }

    static List<Violation> reservations(Snapshot snapshot) {
        List<Violation> found = new ArrayList<>();
        for (Order order : snapshot.orders()) {
            String state = snapshot.reservationStates().get(order.id());
            String subject = "order " + order.id();
            if (order.confirmed() && !"COMMITTED".equals(state)) {
                found.add(new Violation(
                        Invariant.RESERVATION_MATCHES_ORDER,
                        subject,
                        "confirmed but its reservation is " + (state == null ? "missing" : state)));
            }
            if (order.cancelled() && "RESERVED".equals(state)) {
                found.add(new Violation(
                        Invariant.RESERVATION_MATCHES_ORDER,
                        subject,
                        "cancelled (" + order.cancellationReason() + ") but its stock is still reserved"));
            }
        }
        return found;
    }

    static List<Violation> idempotency(Snapshot snapshot) {
        List<Violation> found = new ArrayList<>();
        for (String finding : snapshot.ordersWithoutOneKey()) {
            found.add(new Violation(Invariant.IDEMPOTENT_EFFECT, "checkout", finding));
        }
        Map<String, Integer> perOrder = new HashMap<>();
        snapshot.providerPayments().forEach(payment -> perOrder.merge(payment.orderReference(), 1, Integer::sum));
        perOrder.forEach((order, count) -> {
            if (count > 1) {
                found.add(new Violation(
                        Invariant.IDEMPOTENT_EFFECT, "order " + order, count + " payments at the provider"));
            }
        });
        return found;
    }
}
