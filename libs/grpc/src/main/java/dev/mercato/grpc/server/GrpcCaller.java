package dev.mercato.grpc.server;

import io.grpc.Context;
import java.util.Optional;

/** The service that made the gRPC call being served, as its service token names it ({@code sub} = service:NAME). */
public final class GrpcCaller {

    static final Context.Key<String> KEY = Context.key("mercato-grpc-caller");

    private GrpcCaller() {}

    /**
     * The calling service's name, e.g. {@code ordering}.
     *
     * @throws IllegalStateException outside an authenticated gRPC call
     */
    public static String current() {
        return find().orElseThrow(() -> new IllegalStateException("Not inside an authenticated gRPC call"));
    }

    /** The calling service's name, or empty outside an authenticated gRPC call (and in health checks). */
    public static Optional<String> find() {
        return Optional.ofNullable(KEY.get());
    }
}
