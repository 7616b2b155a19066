package dev.mercato.ordering.fake;

import dev.mercato.contracts.cart.v1.Cart;
import dev.mercato.contracts.cart.v1.CartLine;
import dev.mercato.contracts.cart.v1.CartServiceGrpc;
import dev.mercato.contracts.cart.v1.GetCartRequest;
import dev.mercato.contracts.common.v1.Money;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Carts by user, priced in EUR; a user without one has an empty cart. */
public final class FakeCart extends CartServiceGrpc.CartServiceImplBase {

    public final Faults faults = new Faults();
    private final Map<String, Cart> carts = new ConcurrentHashMap<>();

    /** Puts {@code quantity} of {@code sku} at {@code unitMinor} cents in the user's cart. */
    public FakeCart add(UUID user, String sku, int quantity, long unitMinor) {
        carts.compute(user.toString(), (id, cart) -> {
            List<CartLine> lines = new ArrayList<>(cart == null ? List.of() : cart.getLinesList());
            lines.add(CartLine.newBuilder()
                    .setProductId("prod-" + sku)
                    .setSku(sku)
                    .setName("Product " + sku)
                    .setQuantity(quantity)
                    .setUnitPrice(eur(unitMinor))
                    .setLineTotal(eur(unitMinor * quantity))
                    .build());
            long total =
                    lines.stream().mapToLong(l -> l.getLineTotal().getMinor()).sum();
            return Cart.newBuilder()
                    .setUserId(id)
                    .addAllLines(lines)
                    .setTotal(eur(total))
                    .setVersion(cart == null ? 1 : cart.getVersion() + 1)
                    .build();
        });
        return this;
    }

    public void reset() {
        faults.reset();
        carts.clear();
    }

    @Override
    public void getCart(GetCartRequest request, StreamObserver<Cart> response) {
        if (!Fakes.enter(faults, "GetCart", response)) {
            return;
        }
        response.onNext(carts.getOrDefault(
                request.getUserId(),
                Cart.newBuilder()
                        .setUserId(request.getUserId())
                        .setTotal(eur(0))
                        .build()));
        response.onCompleted();
    }

    private static Money eur(long minor) {
        return Money.newBuilder().setMinor(minor).setCurrency("EUR").build();
    }
}
