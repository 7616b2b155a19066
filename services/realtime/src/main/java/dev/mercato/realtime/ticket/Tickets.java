package dev.mercato.realtime.ticket;

import dev.mercato.realtime.history.RedisKeys;
import dev.mercato.realtime.security.Caller;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-time tickets for clients that cannot send an {@code Authorization} header ({@code EventSource}): 256 random
 * bits naming the caller in Redis for {@code ttl}, taken with {@code GETDEL} so a ticket opens one connection at
 * most, on any instance.
 */
@Component
public class Tickets {

    private final SecureRandom random = new SecureRandom();
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final TicketProperties properties;
    private final JsonMapper json;

    Tickets(ReactiveStringRedisTemplate redis, RedisKeys keys, TicketProperties properties, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.json = json;
    }

    Duration ttl() {
        return properties.ttl();
    }

    Mono<String> issue(Caller caller) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        String value = json.writeValueAsString(new Stored(
                caller.userId().toString(), caller.roles(), caller.expiresAt().toString()));
        return redis.opsForValue()
                .set(keys.ticket(ticket), value, properties.ttl())
                .thenReturn(ticket);
    }

    /** The ticket's caller, once; empty for a ticket that is unknown, used or expired. */
    public Mono<Caller> redeem(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 64) {
            return Mono.empty();
        }
        return redis.opsForValue().getAndDelete(keys.ticket(ticket)).map(this::caller);
    }

    private Caller caller(String stored) {
        JsonNode node = json.readTree(stored);
        List<String> roles =
                node.path("roles").valueStream().map(JsonNode::asString).toList();
        return new Caller(
                UUID.fromString(node.path("userId").asString()),
                roles,
                // a ticket issued before tickets carried it: its connection must send a token at once
                node.hasNonNull("expiresAt")
                        ? Instant.parse(node.get("expiresAt").asString())
                        : Instant.now());
    }

    /** @param expiresAt when the token the ticket was issued for expires: the connection's deadline too */
    private record Stored(String userId, List<String> roles, String expiresAt) {}
}
