package dev.mercato.cart.cart;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The carts in Redis (see {@link CartScripts} for the layout). Redis is the only copy: when it cannot be reached, every
 * method throws a {@link org.springframework.dao.DataAccessResourceFailureException} (503 over HTTP, UNAVAILABLE over
 * gRPC) within the client's short command timeout.
 */
@Component
public class CartStore {

    private final StringRedisTemplate redis;
    private final CartProperties properties;

    CartStore(StringRedisTemplate redis, CartProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    public StoredCart read(UserId user) {
        Map<Object, Object> hash = guarded(() -> redis.opsForHash().entries(key(user)));
        Map<UUID, Integer> quantities = new HashMap<>();
        long version = 0;
        for (var entry : hash.entrySet()) {
            String field = (String) entry.getKey();
            if (field.equals(CartScripts.VERSION)) {
                version = Long.parseLong((String) entry.getValue());
            } else {
                quantities.put(UUID.fromString(field), Integer.parseInt((String) entry.getValue()));
            }
        }
        return new StoredCart(quantities, version);
    }

    /** Adds {@code quantity} units of a product, within the cart's limits. */
    @SuppressWarnings("unchecked")
    public AddResult add(UserId user, UUID product, int quantity) {
        List<Long> reply = guarded(() -> (List<Long>) redis.execute(
                CartScripts.ADD,
                List.of(key(user), idleIndex()),
                product.toString(),
                String.valueOf(quantity),
                String.valueOf(CartLimits.MAX_QUANTITY),
                String.valueOf(CartLimits.MAX_LINES),
                ttl()));
        long status = reply.get(0);
        long value = reply.get(1);
        if (status == -1) {
            return new AddResult.TooMany((int) value);
        }
        if (status == -2) {
            return new AddResult.CartFull();
        }
        return new AddResult.Added(value);
    }

    /** Sets the quantity of a product already in the cart (0 removes it); false when it is not in the cart. */
    public boolean set(UserId user, UUID product, int quantity) {
        return run(CartScripts.SET, user, product.toString(), String.valueOf(quantity)) >= 0;
    }

    /** Removes a product; false when it was not in the cart. */
    public boolean remove(UserId user, UUID product) {
        return run(CartScripts.REMOVE, user, product.toString()) >= 0;
    }

    /** Removes every product; false when the cart was empty already. */
    public boolean clear(UserId user) {
        return run(CartScripts.CLEAR, user) >= 0;
    }

    /**
     * Empties the cart if its version is still at most {@code version} (what checkout read), so items added after
     * checkout stay. Emptying increments the version, so doing it again for the same checkout changes nothing.
     *
     * @return whether it emptied the cart
     */
    public boolean clearIfUnchangedSince(UserId user, long version) {
        return run(CartScripts.CLEAR_IF_AT_MOST, user, String.valueOf(version)) == 1;
    }

    private long run(RedisScript<Long> script, UserId user, String... args) {
        String[] withTtl = new String[args.length + 1];
        System.arraycopy(args, 0, withTtl, 0, args.length);
        withTtl[args.length] = ttl();
        Long reply = guarded(() -> redis.execute(script, List.of(key(user), idleIndex()), (Object[]) withTtl));
        return reply;
    }

    /**
     * Queues one reminder for each cart with products that has not changed for {@code idleFor} (at most {@code limit}
     * carts), atomically with taking it out of the idle index ({@link CartScripts#CLAIM_ABANDONED}).
     *
     * @return how many reminders were queued
     */
    @SuppressWarnings("unchecked")
    public long queueAbandoned(Duration idleFor, int limit) {
        List<Long> reply = guarded(() -> (List<Long>) redis.execute(
                CartScripts.CLAIM_ABANDONED,
                List.of(idleIndex(), reminderOutbox()),
                String.valueOf(idleFor.toMillis()),
                String.valueOf(limit)));
        return reply.get(1);
    }

    /** The oldest queued reminders, not yet confirmed by the broker. */
    public List<AbandonedCart> queuedReminders(int limit) {
        List<MapRecord<String, Object, Object>> records = guarded(() -> redis.opsForStream()
                .range(reminderOutbox(), Range.unbounded(), Limit.limit().count(limit)));
        List<AbandonedCart> reminders = new ArrayList<>();
        if (records == null) {
            return reminders;
        }
        for (MapRecord<String, Object, Object> record : records) {
            reminders.add(abandoned(record.getId().getValue(), record.getValue()));
        }
        return reminders;
    }

    /** Forgets a reminder the broker confirmed. */
    public void reminderSent(AbandonedCart reminder) {
        guarded(() -> redis.opsForStream().delete(reminderOutbox(), reminder.entryId()));
    }

    private AbandonedCart abandoned(String entryId, Map<Object, Object> fields) {
        String cart = (String) fields.get("cart");
        Map<UUID, Integer> items = new LinkedHashMap<>();
        for (String item : ((String) fields.get("items")).split(",")) {
            int equals = item.indexOf('=');
            items.put(UUID.fromString(item.substring(0, equals)), Integer.parseInt(item.substring(equals + 1)));
        }
        return new AbandonedCart(
                entryId,
                UserId.parse(cart.substring(properties.keyPrefix().length())),
                Long.parseLong((String) fields.get("version")),
                Instant.ofEpochMilli((long) Double.parseDouble((String) fields.get("idleSince"))),
                items);
    }

    String key(UserId user) {
        return properties.keyPrefix() + user;
    }

    /** Every cart with products, scored by the time of its last change. */
    String idleIndex() {
        return properties.keyPrefix() + "idle";
    }

    /** The reminders queued for the broker, oldest first. */
    String reminderOutbox() {
        return properties.keyPrefix() + "abandoned-outbox";
    }

    private String ttl() {
        return String.valueOf(properties.ttl().toMillis());
    }

    /**
     * Lettuce refuses commands at once while it is disconnected with a plain {@link RedisException}, which Spring
     * translates to an uncategorized exception (500); it is Redis being unavailable.
     */
    private static <T> T guarded(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisSystemException e) {
            if (e.getCause() instanceof RedisException cause && !(cause instanceof RedisCommandExecutionException)) {
                throw new RedisConnectionFailureException("Redis is unavailable: " + cause.getMessage(), e);
            }
            throw e;
        }
    }

    /** What {@link #add} did. */
    public sealed interface AddResult {

        record Added(long version) implements AddResult {}

        /** @param current the quantity the line holds */
        record TooMany(int current) implements AddResult {}

        record CartFull() implements AddResult {}
    }
}
