package dev.mercato.cart;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/** The port the context's gRPC server took (the tests run it on a free one). */
@TestConfiguration(proxyBeanMethods = false)
public class GrpcPort {

    private volatile int port;

    @EventListener
    void started(GrpcServerStartedEvent event) {
        port = event.getPort();
    }

    public int get() {
        return port;
    }
}
