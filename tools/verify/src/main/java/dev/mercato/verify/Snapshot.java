package dev.mercato.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the invariants need from the four stores, read once; the checks are pure functions of it. */
public record Snapshot(
        List<Order> orders,
        Map<UUID, Payment> payments,
        List<ProviderPayment> providerPayments,
        List<Stock> stock,
        Map<String, Quantities> ledger,
        Map<String, Long> openlyReserved,
        Map<UUID, String> reservationStates,
        List<String> ordersWithoutOneKey) {

    public record Order(
            UUID id, String status, String stage, Instant createdAt, long totalMinor, String cancellationReason) {

        boolean confirmed() {
            return "CONFIRMED".equals(status);
        }

        boolean cancelled() {
            return "CANCELLED".equals(status);
        }
    }

    /** Our payment service's record of an order's payment, in minor units. */
    public record Payment(UUID orderId, String status, long amount, long captured, long refunded) {}

    /** The provider's payment; {@code orderReference} is the merchant reference payment sends, the order id. */
    public record ProviderPayment(
            String id, String orderReference, String status, long amount, long captured, long refunded) {

        long keptByMerchant() {
            return captured - refunded;
        }
    }

    public record Stock(String sku, long onHand, long reserved) {}

    /** Sums of the stock ledger's movements for one SKU. */
    public record Quantities(long onHand, long reserved) {}
}
