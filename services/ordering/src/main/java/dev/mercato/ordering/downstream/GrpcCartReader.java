package dev.mercato.ordering.downstream;

import dev.mercato.contracts.cart.v1.CartServiceGrpc;
import dev.mercato.contracts.cart.v1.GetCartRequest;
import dev.mercato.ordering.checkout.CartReader;
import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.UserId;
import dev.mercato.ordering.saga.SagaProperties;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Reads the cart over gRPC; any failure makes the checkout answer 503 (nothing stored, so a retry can succeed). */
@Component
class GrpcCartReader implements CartReader {

    private final DownstreamChannels channels;
    private final SagaProperties.CallTimeouts timeouts;

    GrpcCartReader(DownstreamChannels channels, SagaProperties properties) {
        this.channels = channels;
        this.timeouts = properties.callTimeout();
    }

    @Override
    public CartReader.Cart cart(UserId user) {
        dev.mercato.contracts.cart.v1.Cart cart;
        try {
            cart = CartServiceGrpc.newBlockingStub(channels.channel("cart"))
                    .withDeadlineAfter(timeouts.cart().toMillis(), TimeUnit.MILLISECONDS)
                    .getCart(GetCartRequest.newBuilder()
                            .setUserId(user.toString())
                            .build());
        } catch (StatusRuntimeException e) {
            throw new CartUnavailable("cart: " + StatusClassifier.describe(e));
        }
        return new CartReader.Cart(
                cart.getLinesList().stream()
                        .map(l -> new CartReader.Line(
                                l.getProductId(),
                                l.getSku(),
                                l.getName(),
                                l.getQuantity(),
                                Money.of(
                                        l.getUnitPrice().getMinor(),
                                        l.getUnitPrice().getCurrency())))
                        .toList(),
                cart.getVersion());
    }
}
