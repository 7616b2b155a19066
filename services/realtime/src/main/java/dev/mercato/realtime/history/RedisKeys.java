package dev.mercato.realtime.history;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The service's Redis keys, all under one prefix ({@code realtime.redis.key-prefix}). */
@Component
public class RedisKeys {

    private final String prefix;

    RedisKeys(@Value("${realtime.redis.key-prefix}") String prefix) {
        this.prefix = prefix;
    }

    /** The global stream every instance tails: the backplane. */
    public String all() {
        return prefix + "all";
    }

    public String channel(String channel) {
        return prefix + "ch:" + channel;
    }

    String seen(Object messageId) {
        return prefix + "seen:" + messageId;
    }

    String state(String aggregate) {
        return prefix + "state:" + aggregate;
    }

    public String ticket(String ticket) {
        return prefix + "ticket:" + ticket;
    }
}
