package dev.mercato.grpc.config;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps Spring gRPC's own OAuth2 resource-server auto-configuration out. It would authenticate every gRPC call with
 * the service's {@code JwtDecoder} bean, which verifies <em>user</em> tokens for the HTTP API, and so refuse the
 * service tokens that gRPC calls carry; libs/grpc's {@code ServiceAuthInterceptor} authenticates gRPC instead.
 */
public class SpringGrpcResourceServerFilter implements AutoConfigurationImportFilter {

    static final String EXCLUDED =
            "org.springframework.boot.grpc.server.autoconfigure.security.OAuth2ResourceServerAutoConfiguration";

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            matches[i] = !EXCLUDED.equals(autoConfigurationClasses[i]);
        }
        return matches;
    }
}
