package dev.mercato.ordering.fake;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Cart, inventory and payment as small in-memory gRPC services on one real socket, each checking the caller's
 * service token (signed by the test identity, audience = the service, token_use = service) like the real ones.
 */
public final class FakeDownstream {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Map<String, String> AUDIENCES = Map.of(
            "mercato.cart.v1.CartService", "cart",
            "mercato.inventory.v1.InventoryService", "inventory",
            "mercato.payment.v1.PaymentService", "payment");

    public final FakeCart cart = new FakeCart();
    public final FakeInventory inventory = new FakeInventory();
    public final FakePayment payment = new FakePayment();
    private final Map<String, String> callers = new ConcurrentHashMap<>();
    private final RSAKey key;
    private final Server server;

    private FakeDownstream(String jwksUri) {
        try {
            key = JWKSet.load(URI.create(jwksUri).toURL()).getKeys().getFirst().toRSAKey();
            ServerInterceptor auth = new Auth();
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .addService(ServerInterceptors.intercept(cart, auth))
                    .addService(ServerInterceptors.intercept(inventory, auth))
                    .addService(ServerInterceptors.intercept(payment, auth))
                    .build()
                    .start();
        } catch (IOException | java.text.ParseException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    public static FakeDownstream start(String jwksUri) {
        return new FakeDownstream(jwksUri);
    }

    public String address() {
        return "static://127.0.0.1:" + server.getPort();
    }

    /** The subject of the service token of the last call to each audience (e.g. {@code service:ordering}). */
    public String lastCaller(String audience) {
        return callers.get(audience);
    }

    public void reset() {
        cart.reset();
        inventory.reset();
        payment.reset();
    }

    private final class Auth implements ServerInterceptor {

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            String audience = AUDIENCES.get(call.getMethodDescriptor().getServiceName());
            String header = headers.get(AUTHORIZATION);
            try {
                if (header == null || !header.startsWith("Bearer ")) {
                    throw new SecurityException("no bearer token");
                }
                SignedJWT jwt = SignedJWT.parse(header.substring("Bearer ".length()));
                if (!jwt.verify(new RSASSAVerifier(key))) {
                    throw new SecurityException("bad signature");
                }
                JWTClaimsSet claims = jwt.getJWTClaimsSet();
                if (!claims.getAudience().contains(audience)
                        || !"service".equals(claims.getStringClaim("token_use"))
                        || claims.getExpirationTime().before(new Date())) {
                    call.close(
                            Status.PERMISSION_DENIED.withDescription("not a service token for " + audience),
                            new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                callers.put(audience, claims.getSubject());
            } catch (Exception e) {
                call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }
}
