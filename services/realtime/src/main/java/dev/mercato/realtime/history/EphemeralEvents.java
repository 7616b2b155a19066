package dev.mercato.realtime.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backplane of the events no history keeps (api.md: {@code chat.typing} is never stored; {@code chat.presence}
 * is a state, read again with {@code GET /v1/chat/presence} after a reconnect): Redis pub/sub on one channel
 * ({@link RedisKeys#ephemeral()}) that every instance listens to, on a connection of its own, resubscribing after an
 * outage. The scripts that decide such an event publish it as {@code {"e": event, "d": data, "c": [channel...]}};
 * each instance hands it to its listeners, who pass it to the connections of those channels. What is published while
 * an instance is not subscribed is not delivered there: nothing waits for a client that was not connected.
 */
@Configuration(proxyBeanMethods = false)
class EphemeralEvents {

    private static final Logger log = LoggerFactory.getLogger(EphemeralEvents.class);

    @Bean
    RedisMessageListenerContainer ephemeralListener(
            RedisConnectionFactory connections, RedisKeys keys, List<LiveListener> listeners, JsonMapper json) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // in order, on the connection's own thread: handing an event over only queues it for each connection
        Executor inOrder = new SyncTaskExecutor();
        container.setTaskExecutor(inOrder);
        container.setRecoveryInterval(1_000);
        container.addMessageListener(
                (message, pattern) -> {
                    EphemeralEvent event;
                    try {
                        event = parse(json.readTree(new String(message.getBody(), StandardCharsets.UTF_8)));
                    } catch (RuntimeException unreadable) {
                        log.warn("An ephemeral event could not be read: {}", unreadable.getMessage());
                        return;
                    }
                    for (LiveListener listener : listeners) {
                        try {
                            listener.onEphemeral(event);
                        } catch (RuntimeException failed) {
                            log.error("A live listener failed on an ephemeral {}", event.event(), failed);
                        }
                    }
                },
                new ChannelTopic(keys.ephemeral()));
        return container;
    }

    static EphemeralEvent parse(JsonNode message) {
        List<String> channels = new ArrayList<>();
        for (JsonNode channel : message.path("c")) {
            channels.add(channel.asString());
        }
        if (!message.path("e").isString() || !message.path("d").isString()) {
            throw new IllegalArgumentException("an ephemeral event is {e, d, c}");
        }
        return new EphemeralEvent(
                channels, message.get("e").asString(), message.get("d").asString());
    }
}
