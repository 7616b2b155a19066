package dev.mercato.grpc.config;

import dev.mercato.grpc.server.GrpcAuthProperties;
import dev.mercato.grpc.server.GrpcExceptionMapper;
import dev.mercato.grpc.server.GrpcServiceProperties;
import dev.mercato.grpc.server.ServiceAuthInterceptor;
import dev.mercato.grpc.server.ServiceTokenVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.web.client.RestTemplate;

/**
 * The server side of the platform's gRPC conventions, for every service with Spring gRPC's server: service-token
 * authentication on every call (health exempt) and the last-resort exception mapping.
 */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.grpc.server.autoconfigure.exception.GrpcExceptionHandlerAutoConfiguration")
@ConditionalOnClass(GlobalServerInterceptor.class)
@EnableConfigurationProperties({GrpcAuthProperties.class, GrpcServiceProperties.class})
public class GrpcServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceTokenVerifier mercatoServiceTokenVerifier(
            GrpcAuthProperties auth, GrpcServiceProperties server, ObjectProvider<JwksClientCustomizer> customizers) {
        RestTemplate jwksClient = new RestTemplate();
        customizers.orderedStream().forEach(customizer -> customizer.customize(jwksClient));
        return ServiceTokenVerifier.forJwks(auth, server.audience(), jwksClient);
    }

    /** Adjusts the client that fetches the JWKS. */
    @FunctionalInterface
    public interface JwksClientCustomizer {
        void customize(RestTemplate client);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.client.loadbalancer.LoadBalancerClient")
    static class RegistryJwksConfiguration {

        @Bean
        JwksClientCustomizer mercatoJwksThroughRegistry(ObjectProvider<LoadBalancerClient> loadBalancer) {
            return client ->
                    loadBalancer.ifAvailable(lb -> client.getInterceptors().add(new RegistryResolvingInterceptor(lb)));
        }
    }

    @Bean
    @GlobalServerInterceptor
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    ServiceAuthInterceptor mercatoServiceAuthInterceptor(ServiceTokenVerifier verifier, GrpcServiceProperties server) {
        return new ServiceAuthInterceptor(verifier, server.unauthenticatedServices());
    }

    @Bean
    GrpcExceptionMapper mercatoGrpcExceptionMapper() {
        return new GrpcExceptionMapper();
    }
}
