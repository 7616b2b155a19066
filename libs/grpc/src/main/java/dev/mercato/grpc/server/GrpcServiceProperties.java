package dev.mercato.grpc.server;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mercato.grpc.server.*}: who may call this service's gRPC API.
 *
 * @param audience the {@code aud} a service token must name to be accepted here (default
 *     {@code spring.application.name})
 * @param unauthenticatedServices gRPC services callable without a token (health checks)
 */
@ConfigurationProperties("mercato.grpc.server")
public record GrpcServiceProperties(
        String audience,
        @DefaultValue("grpc.health.v1.Health") List<String> unauthenticatedServices) {}
