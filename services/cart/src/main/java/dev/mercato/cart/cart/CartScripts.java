package dev.mercato.cart.cart;

import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that change a cart. Each runs atomically in Redis, so two tabs adding at once never lose an update.
 * A cart is one hash: a field per product id (its quantity) and the field {@code version}. Every change increments
 * the version and renews the expiry (the last argument, in milliseconds). Emptying removes the products but keeps the
 * version, so it never goes back; a new cart's version starts at Redis' clock in milliseconds, so even a cart that
 * expired and was created again does not reuse the versions of the old one.
 *
 * <p>Every change also keeps the idle index ({@code KEYS[2]}, a sorted set of cart keys scored by the time of their
 * last change, Redis' clock in milliseconds) true: a cart with products is in it, an empty one is not. The abandoned
 * cart reminder reads it ({@link #CLAIM_ABANDONED}).
 */
final class CartScripts {

    static final String VERSION = "version";

    private static final String BUMP = """
            local function bump()
              if redis.call('HEXISTS', KEYS[1], 'version') == 0 then
                local now = redis.call('TIME')
                redis.call('HSET', KEYS[1], 'version', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
              end
              local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
              redis.call('PEXPIRE', KEYS[1], ARGV[#ARGV])
              if redis.call('HLEN', KEYS[1]) > 1 then
                local now = redis.call('TIME')
                redis.call('ZADD', KEYS[2], tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000), KEYS[1])
              else
                redis.call('ZREM', KEYS[2], KEYS[1])
              end
              return version
            end
            local function clear()
              local removed = 0
              for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
                if field ~= 'version' then
                  redis.call('HDEL', KEYS[1], field)
                  removed = removed + 1
                end
              end
              return removed
            end
            """;

    /** ARGV: product id, quantity to add, max quantity, max lines, ttl. {status, value}: 0 = added (value the new
     * version), -1 = the line would exceed max quantity (value its current quantity), -2 = the cart is full. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final RedisScript<List> ADD = RedisScript.of(BUMP + """
            local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            local wanted = current + tonumber(ARGV[2])
            if wanted > tonumber(ARGV[3]) then return {-1, current} end
            if current == 0 then
              local lines = redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], 'version')
              if lines >= tonumber(ARGV[4]) then return {-2, lines} end
            end
            redis.call('HSET', KEYS[1], ARGV[1], wanted)
            return {0, bump()}
            """, List.class);

    /** ARGV: product id, quantity (0 removes), ttl. The new version, or -1 when the product is not in the cart. */
    static final RedisScript<Long> SET = RedisScript.of(BUMP + """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
            if tonumber(ARGV[2]) == 0 then
              redis.call('HDEL', KEYS[1], ARGV[1])
            else
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            end
            return bump()
            """, Long.class);

    /** ARGV: product id, ttl. The new version, or -1 when the product was not in the cart (nothing changed). */
    static final RedisScript<Long> REMOVE = RedisScript.of(BUMP + """
            if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return -1 end
            return bump()
            """, Long.class);

    /** ARGV: ttl. The new version, or -1 when the cart was already empty. */
    static final RedisScript<Long> CLEAR = RedisScript.of(BUMP + """
            if clear() == 0 then return -1 end
            return bump()
            """, Long.class);

    /**
     * ARGV: checked-out version, ttl. Empties the cart only if its version is still at most the one checked out: 1 when
     * it did, 0 when the cart changed since (or was empty).
     */
    static final RedisScript<Long> CLEAR_IF_AT_MOST = RedisScript.of(BUMP + """
            local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
            if version > tonumber(ARGV[1]) then return 0 end
            if clear() == 0 then return 0 end
            bump()
            return 1
            """, Long.class);

    /**
     * KEYS: the idle index, the reminder outbox (a stream). ARGV: idle time in milliseconds, how many carts at most.
     * Takes the carts idle that long out of the index and, for each that still has products, appends one reminder to
     * the outbox (fields {@code cart, version, idleSince, items} = {@code productId=quantity,...}), in one atomic step:
     * a cart leaves the index exactly when its reminder is queued, so it gets one reminder until it changes again (a
     * change puts it back). {claimed, queued}.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final RedisScript<List> CLAIM_ABANDONED = RedisScript.of("""
            local now = redis.call('TIME')
            local cutoff = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[1])
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', cutoff, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
            local queued = 0
            for i = 1, #due, 2 do
              local cart, since = due[i], due[i + 1]
              redis.call('ZREM', KEYS[1], cart)
              local fields = redis.call('HGETALL', cart)
              local version, items = nil, {}
              for j = 1, #fields, 2 do
                if fields[j] == 'version' then
                  version = fields[j + 1]
                else
                  items[#items + 1] = fields[j] .. '=' .. fields[j + 1]
                end
              end
              if version and #items > 0 then
                redis.call('XADD', KEYS[2], '*', 'cart', cart, 'version', version, 'idleSince', since,
                  'items', table.concat(items, ','))
                queued = queued + 1
              end
            end
            return {#due / 2, queued}
            """, List.class);

    private CartScripts() {}
}
