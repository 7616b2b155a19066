package dev.mercato.grpc.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.grpc.server.GrpcAuthProperties;
import dev.mercato.grpc.server.ServiceTokenVerifier;
import dev.mercato.testsupport.jwt.TestIdentity;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.util.UriComponentsBuilder;

class RegistryResolvingInterceptorTest {

    static final TestIdentity identity = TestIdentity.start();

    @AfterAll
    static void stop() {
        identity.stop();
    }

    @Test
    void fetchesTheJwksOfAServiceNamedInTheUriFromOneOfItsInstances() {
        URI real = URI.create(identity.url());
        RestTemplate client = new RestTemplate();
        client.getInterceptors()
                .add(new RegistryResolvingInterceptor(new OneInstance(
                        "identity",
                        new DefaultServiceInstance("identity-1", "identity", real.getHost(), real.getPort(), false))));
        var verifier = ServiceTokenVerifier.forJwks(
                new GrpcAuthProperties("http://identity/.well-known/jwks.json", TestIdentity.ISSUER, Duration.ZERO),
                "payment",
                client);

        assertThat(verifier.verify(identity.serviceToken("ordering", "payment")))
                .isEqualTo(new ServiceTokenVerifier.Verdict.Accepted("ordering"));
    }

    @Test
    void leavesHostsTheRegistryDoesNotKnowAlone() {
        RestTemplate client = new RestTemplate();
        client.getInterceptors().add(new RegistryResolvingInterceptor(new OneInstance("identity", null)));

        assertThat(client.getForObject(identity.jwksUri(), String.class)).contains("\"keys\"");
    }

    private record OneInstance(String serviceId, ServiceInstance instance) implements LoadBalancerClient {

        @Override
        public ServiceInstance choose(String id) {
            return serviceId.equals(id) ? instance : null;
        }

        @Override
        public <T> ServiceInstance choose(String id, Request<T> request) {
            return choose(id);
        }

        @Override
        public URI reconstructURI(ServiceInstance chosen, URI original) {
            return UriComponentsBuilder.fromUri(original)
                    .host(chosen.getHost())
                    .port(chosen.getPort())
                    .build(true)
                    .toUri();
        }

        @Override
        public <T> T execute(String id, LoadBalancerRequest<T> request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T execute(String id, ServiceInstance chosen, LoadBalancerRequest<T> request) {
            throw new UnsupportedOperationException();
        }
    }
}
