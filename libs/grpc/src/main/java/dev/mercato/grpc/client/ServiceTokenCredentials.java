package dev.mercato.grpc.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.Executor;

/** Puts {@code authorization: Bearer <service token for the audience>} on a call. */
final class ServiceTokenCredentials extends CallCredentials {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ServiceTokens tokens;
    private final String audience;

    ServiceTokenCredentials(ServiceTokens tokens, String audience) {
        this.tokens = tokens;
        this.audience = audience;
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        appExecutor.execute(() -> {
            try {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + tokens.token(audience));
                applier.apply(headers);
            } catch (StatusRuntimeException e) {
                applier.fail(e.getStatus());
            }
        });
    }
}
