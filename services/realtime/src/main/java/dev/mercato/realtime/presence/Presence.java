package dev.mercato.realtime.presence;

import dev.mercato.realtime.history.RedisKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who is online (issue 16: online, offline, last seen, in Redis with a ttl the heartbeats renew). A user is online
 * while some instance holds a connection of theirs that follows the {@code chat} topic: each such instance claims them
 * in the user's sorted set, scored with when its claim expires, and renews the claims of all its users on the shared
 * heartbeat ({@link #refresh}). The last connection gone on an instance takes its claim back at once; an instance that
 * dies stops counting when its claims expire ({@code ttl}). The last-seen time is renewed with every claim, so it is
 * when the user was last known to be connected.
 *
 * <p>Nothing here is per connection: the stream feature reports a user's first and last connection on this instance,
 * and lists the users it holds on each heartbeat. The Redis work runs in order on one thread of its own, never on a
 * connection's event loop; a report is checked again when its turn comes (a user who left and came back at once is
 * not taken for gone). A change of online/offline is pushed as {@code chat.presence} to everyone who shares a
 * conversation with the user ({@code presence.lua}, from {@code chat.ChatMembers}); a client that reconnects reads
 * presence again ({@code GET /v1/chat/presence}).
 */
@Component
public class Presence implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    /** Users renewed per script call. */
    private static final int BATCH = 500;

    private static final RedisScript<Long> CHANGE =
            RedisScript.of(new ClassPathResource("redis/presence.lua"), Long.class);

    private static final RedisScript<Long> REFRESH =
            RedisScript.of(new ClassPathResource("redis/presence-refresh.lua"), Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ =
            RedisScript.of(new ClassPathResource("redis/presence-read.lua"), List.class);

    private final StringRedisTemplate redis;
    private final ReactiveStringRedisTemplate reactive;
    private final RedisKeys keys;
    private final PresenceProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final String instance = UUID.randomUUID().toString();
    private volatile @Nullable ExecutorService work;

    Presence(
            StringRedisTemplate redis,
            ReactiveStringRedisTemplate reactive,
            RedisKeys keys,
            PresenceProperties properties) {
        this.redis = redis;
        this.reactive = reactive;
        this.keys = keys;
        this.properties = properties;
    }

    /** The user's first connection with the chat topic on this instance; {@code stillHere} checks it in its turn. */
    public void joined(UUID user, BooleanSupplier stillHere) {
        submit(() -> {
            if (stillHere.getAsBoolean()) {
                change("join", user);
            }
        });
    }

    /** The user's last connection with the chat topic on this instance is gone; {@code gone} checks it in its turn. */
    public void left(UUID user, BooleanSupplier gone) {
        submit(() -> {
            if (gone.getAsBoolean()) {
                change("leave", user);
            }
        });
    }

    /** Renews this instance's claims of these users (the heartbeat's). */
    public void refresh(Collection<UUID> users) {
        if (users.isEmpty()) {
            return;
        }
        List<UUID> copy = List.copyOf(users);
        submit(() -> {
            Instant now = clock.instant();
            for (int from = 0; from < copy.size(); from += BATCH) {
                List<String> scriptKeys = new ArrayList<>();
                for (UUID user : copy.subList(from, Math.min(copy.size(), from + BATCH))) {
                    scriptKeys.add(keys.presence(user));
                    scriptKeys.add(keys.lastSeen(user));
                }
                redis.execute(
                        REFRESH,
                        scriptKeys,
                        instance,
                        Long.toString(now.toEpochMilli()),
                        Long.toString(now.plus(properties.ttl()).toEpochMilli()),
                        seconds(properties.ttl().multipliedBy(2)),
                        seconds(properties.lastSeenTtl()),
                        now.toString());
            }
        });
    }

    /** Each user's status, in the order given. */
    public Mono<List<Status>> read(List<UUID> users) {
        if (users.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> scriptKeys = new ArrayList<>();
        for (UUID user : users) {
            scriptKeys.add(keys.presence(user));
            scriptKeys.add(keys.lastSeen(user));
        }
        return reactive.execute(READ, scriptKeys, List.of(Long.toString(clock.millis())))
                .next()
                .map(answer -> {
                    List<Status> statuses = new ArrayList<>(users.size());
                    for (int i = 0; i < users.size(); i++) {
                        String lastSeen = answer.get(2 * i + 1).toString();
                        statuses.add(new Status(
                                users.get(i),
                                Long.parseLong(answer.get(2 * i).toString()) == 1 ? "online" : "offline",
                                lastSeen.isEmpty() ? null : lastSeen));
                    }
                    return statuses;
                });
    }

    private void change(String how, UUID user) {
        Instant now = clock.instant();
        redis.execute(
                CHANGE,
                List.of(keys.presence(user), keys.lastSeen(user)),
                how,
                instance,
                Long.toString(now.toEpochMilli()),
                Long.toString(now.plus(properties.ttl()).toEpochMilli()),
                seconds(properties.ttl().multipliedBy(2)),
                seconds(properties.lastSeenTtl()),
                user.toString(),
                now.toString(),
                keys.chatConversationsPrefix(),
                keys.chatMembersPrefix(),
                keys.ephemeral());
    }

    private void submit(Runnable task) {
        ExecutorService executor = work;
        if (executor == null) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException failed) {
                    // Redis out of reach: the next heartbeat claims again; a claim not taken back expires
                    log.warn("Presence not updated: {}", failed.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("Presence not updated: stopping");
        }
    }

    private static String seconds(java.time.Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    @Override
    public void start() {
        work = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("realtime-presence").factory());
    }

    /** After the web server closed its connections (whose claims are taken back), before the Redis client stops. */
    @Override
    public void stop() {
        ExecutorService executor = work;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        work = null;
    }

    @Override
    public boolean isRunning() {
        return work != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /**
     * @param status {@code online} or {@code offline}
     * @param lastSeen when the user was last known to be connected (RFC 3339), or null: not within the last-seen ttl
     */
    public record Status(
            UUID userId, String status, @Nullable String lastSeen) {}
}
