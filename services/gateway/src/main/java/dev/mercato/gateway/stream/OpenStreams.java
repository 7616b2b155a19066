package dev.mercato.gateway.stream;

import dev.mercato.web.capacity.ConnectionLimit;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The streams the gateway proxies right now, against their limit ({@code gateway.streams.open}, {@code .limit},
 * {@code .refused}). Past it a new stream is refused (503) instead of admitted into a heap that cannot hold it: at
 * 96 MB, ~900 open streams left the gateway collecting garbage for all its time and every other request waiting
 * (docs/adr/015-realtime-delivery.md).
 */
@Component
public class OpenStreams {

    private static final Logger log = LoggerFactory.getLogger(OpenStreams.class);

    private final ConnectionLimit streams;

    public OpenStreams(StreamProperties properties, MeterRegistry meters) {
        this.streams =
                new ConnectionLimit(properties.limit(Runtime.getRuntime().maxMemory()), meters, "gateway.streams");
        log.info("Proxying at most {} streams at once", streams.limit());
    }

    boolean tryOpen() {
        return streams.tryOpen();
    }

    void closed() {
        streams.closed();
    }

    int limit() {
        return streams.limit();
    }
}
