package dev.mercato.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.discovery.EurekaClient;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import reactor.core.publisher.Mono;

/**
 * The gateway under the kubernetes profile (docs/adr/017): it starts without a registry, and its {@code lb://} routes
 * resolve to the services' Kubernetes Service names.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"MERCATO_LOG_FORMAT=text", "gateway.rate-limits.key-prefix=test:${random.uuid}:"})
@ActiveProfiles("kubernetes")
// Closed after the class: a context no other test shares would otherwise keep its server and threads for the whole run.
@DirtiesContext
class GatewayKubernetesProfileIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    DiscoveryClient discovery;

    @Autowired
    ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

    @Test
    void startsWithoutTheRegistryClient() {
        assertThat(context.getBeanNamesForType(EurekaClient.class)).isEmpty();
        assertThat(discovery.getServices())
                .contains("identity", "catalog", "inventory", "cart", "ordering", "payment", "realtime");
    }

    @Test
    void routesToEachServiceByItsKubernetesServiceName() {
        ServiceInstance catalog =
                Mono.from(loadBalancers.getInstance("catalog").choose()).block().getServer();
        assertThat(catalog.getUri()).isEqualTo(URI.create("http://catalog:8081"));
        assertThat(discovery.getInstances("realtime").getFirst().getUri())
                .isEqualTo(URI.create("http://realtime:8087"));
    }
}
