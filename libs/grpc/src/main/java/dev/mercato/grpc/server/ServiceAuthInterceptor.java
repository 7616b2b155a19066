package dev.mercato.grpc.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a gRPC call only with {@code authorization: Bearer <service token for this service>}; makes the caller
 * available as {@link GrpcCaller#current()}. Health checks pass without a token.
 */
public final class ServiceAuthInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger log = LoggerFactory.getLogger(ServiceAuthInterceptor.class);
    private static final String BEARER = "bearer ";

    private final ServiceTokenVerifier verifier;
    private final List<String> unauthenticatedServices;

    public ServiceAuthInterceptor(ServiceTokenVerifier verifier, List<String> unauthenticatedServices) {
        this.verifier = verifier;
        this.unauthenticatedServices = List.copyOf(unauthenticatedServices);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (unauthenticatedServices.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        var verdict = verifier.verify(bearerToken(headers.get(AUTHORIZATION)));
        return switch (verdict) {
            case ServiceTokenVerifier.Verdict.Accepted accepted ->
                Contexts.interceptCall(
                        Context.current().withValue(GrpcCaller.KEY, accepted.caller()), call, headers, next);
            case ServiceTokenVerifier.Verdict.Unauthenticated refused ->
                refuse(call, method, Status.UNAUTHENTICATED, "a valid service token is required", refused.reason());
            case ServiceTokenVerifier.Verdict.Denied denied ->
                refuse(call, method, Status.PERMISSION_DENIED, "this token may not call this service", denied.reason());
            case ServiceTokenVerifier.Verdict.Unverifiable unverifiable ->
                refuse(call, method, Status.UNAVAILABLE, "tokens cannot be verified right now", unverifiable.reason());
        };
    }

    private static String bearerToken(String authorization) {
        if (authorization == null
                || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(
            ServerCall<Q, R> call, String method, Status status, String description, String reason) {
        log.info("gRPC call {} refused with {}: {}", method, status.getCode(), reason);
        call.close(status.withDescription(description), new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
