package dev.mercato.cart;

import com.nimbusds.jwt.SignedJWT;
import dev.mercato.contracts.catalog.v1.CatalogServiceGrpc;
import dev.mercato.contracts.catalog.v1.GetProductsRequest;
import dev.mercato.contracts.catalog.v1.GetProductsResponse;
import dev.mercato.contracts.catalog.v1.Product;
import dev.mercato.contracts.common.v1.Money;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for catalog's gRPC lookup on a real socket: products a test puts in, answered as catalog would (unknown
 * ids left out), or UNAVAILABLE while a test has it down. Remembers the claims of the last token it was called with.
 */
public final class FakeCatalog extends CatalogServiceGrpc.CatalogServiceImplBase {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<UUID, Product> products = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastToken = new AtomicReference<>();
    private final AtomicReference<String> lastLanguage = new AtomicReference<>();
    private volatile boolean down;
    private final Server server;

    private FakeCatalog() {
        ServerInterceptor tokens = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                lastToken.set(headers.get(AUTHORIZATION));
                return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
            }
        };
        try {
            server = ServerBuilder.forPort(0)
                    .addService(ServerInterceptors.intercept(this, tokens))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FakeCatalog start() {
        return new FakeCatalog();
    }

    public String address() {
        return "static://127.0.0.1:" + server.getPort();
    }

    public UUID add(String sku, String name, long minor) {
        return put(UUID.randomUUID(), sku, name, minor, "EUR", true);
    }

    public UUID put(UUID id, String sku, String name, long minor, String currency, boolean published) {
        products.put(
                id,
                Product.newBuilder()
                        .setId(id.toString())
                        .setSku(sku)
                        .setName(name)
                        .setPrice(Money.newBuilder().setMinor(minor).setCurrency(currency))
                        .setPublished(published)
                        .build());
        return id;
    }

    public void reprice(UUID id, long minor) {
        products.computeIfPresent(
                id,
                (key, product) -> product.toBuilder()
                        .setPrice(product.getPrice().toBuilder().setMinor(minor))
                        .build());
    }

    public void delete(UUID id) {
        products.remove(id);
    }

    public void down(boolean down) {
        this.down = down;
    }

    public String lastLanguage() {
        return lastLanguage.get();
    }

    /** The {@code aud} and {@code sub} of the bearer token of the last call. */
    public String[] lastCaller() throws ParseException {
        var claims =
                SignedJWT.parse(lastToken.get().substring("Bearer ".length())).getJWTClaimsSet();
        return new String[] {claims.getAudience().getFirst(), claims.getSubject()};
    }

    @Override
    public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> response) {
        if (down) {
            response.onError(
                    Status.UNAVAILABLE.withDescription("fake catalog is down").asRuntimeException());
            return;
        }
        lastLanguage.set(request.getLanguage());
        GetProductsResponse.Builder answer = GetProductsResponse.newBuilder();
        for (String id : request.getProductIdsList()) {
            Product product = products.get(UUID.fromString(id));
            if (product != null) {
                answer.addProducts(product);
            }
        }
        response.onNext(answer.build());
        response.onCompleted();
    }
}
