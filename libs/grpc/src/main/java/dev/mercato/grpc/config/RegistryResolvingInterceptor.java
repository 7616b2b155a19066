package dev.mercato.grpc.config;

import java.io.IOException;
import java.net.URI;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * Lets the JWKS URI name a service ({@code http://identity/.well-known/jwks.json}, as the services' own user-token
 * decoders do): a host the registry knows is replaced by one of its instances; any other host is used as it is.
 */
final class RegistryResolvingInterceptor implements ClientHttpRequestInterceptor {

    private final LoadBalancerClient loadBalancer;

    RegistryResolvingInterceptor(LoadBalancerClient loadBalancer) {
        this.loadBalancer = loadBalancer;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        URI original = request.getURI();
        ServiceInstance instance = original.getPort() == -1 ? loadBalancer.choose(original.getHost()) : null;
        if (instance == null) {
            return execution.execute(request, body);
        }
        URI resolved = loadBalancer.reconstructURI(instance, original);
        return execution.execute(
                new HttpRequestWrapper(request) {
                    @Override
                    public URI getURI() {
                        return resolved;
                    }
                },
                body);
    }
}
