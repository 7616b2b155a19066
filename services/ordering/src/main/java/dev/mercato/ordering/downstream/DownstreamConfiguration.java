package dev.mercato.ordering.downstream;

import dev.mercato.grpc.client.GrpcTargets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Channels from libs/grpc: service token for audience = target, retries of UNAVAILABLE, breaker and bulkhead. */
@Configuration(proxyBeanMethods = false)
class DownstreamConfiguration {

    @Bean
    DownstreamChannels downstreamChannels(GrpcTargets targets) {
        return targets::channel;
    }
}
