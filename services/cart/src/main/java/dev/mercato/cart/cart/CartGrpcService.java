package dev.mercato.cart.cart;

import dev.mercato.cart.catalog.CatalogUnavailableException;
import dev.mercato.cart.money.Money;
import dev.mercato.contracts.cart.v1.Cart;
import dev.mercato.contracts.cart.v1.CartLine;
import dev.mercato.contracts.cart.v1.CartServiceGrpc;
import dev.mercato.contracts.cart.v1.GetCartRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.springframework.grpc.server.service.GrpcService;

/**
 * {@code mercato.cart.v1.CartService}: the cart as checkout reads it, priced with catalog's current prices. Lines that
 * cannot be bought now are left out. Service tokens for audience {@code cart} are checked by libs/grpc, which also
 * answers UNAVAILABLE when Redis cannot be reached.
 */
@GrpcService
class CartGrpcService extends CartServiceGrpc.CartServiceImplBase {

    private final Carts carts;

    CartGrpcService(Carts carts) {
        this.carts = carts;
    }

    @Override
    public void getCart(GetCartRequest request, StreamObserver<Cart> response) {
        UserId user;
        try {
            user = UserId.parse(request.getUserId());
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("user_id is not a UUID")
                    .asRuntimeException();
        }
        PricedCart cart;
        try {
            cart = carts.priced(user, null);
        } catch (CatalogUnavailableException e) {
            throw Status.UNAVAILABLE
                    .withDescription("catalog cannot be reached to price the cart")
                    .asRuntimeException();
        }
        response.onNext(message(user, cart));
        response.onCompleted();
    }

    private static Cart message(UserId user, PricedCart cart) {
        Cart.Builder answer = Cart.newBuilder()
                .setUserId(user.toString())
                .setTotal(money(cart.total()))
                .setVersion(cart.version());
        for (PricedCart.Line line : cart.lines()) {
            answer.addLines(CartLine.newBuilder()
                    .setProductId(line.productId().toString())
                    .setSku(line.sku())
                    .setName(line.name())
                    .setQuantity(line.quantity())
                    .setUnitPrice(money(line.unitPrice()))
                    .setLineTotal(money(line.lineTotal())));
        }
        return answer.build();
    }

    private static dev.mercato.contracts.common.v1.Money money(Money money) {
        return dev.mercato.contracts.common.v1.Money.newBuilder()
                .setMinor(money.minor())
                .setCurrency(money.currency())
                .build();
    }
}
