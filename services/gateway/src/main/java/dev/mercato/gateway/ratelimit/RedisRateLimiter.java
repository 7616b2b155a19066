package dev.mercato.gateway.ratelimit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs {@code rate_limit.lua}: every tier of a request decided in one round trip (EVALSHA), atomically.
 *
 * <p>Straight on Lettuce's asynchronous API over one connection of its own (made by the connection factory's client,
 * so with its options and resources): a decision is one command and one future, without the reactive template's
 * per-call connection wrapper, resource scoping and argument conversions, which cost more than the command itself.
 */
class RedisRateLimiter implements AutoCloseable {

    private static final String SCRIPT = scriptText();
    private static final String SHA = sha1(SCRIPT);

    private final LettuceConnectionFactory connections;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();

    /** The factory's client exists once the factory has started; it is looked up on first use. */
    RedisRateLimiter(LettuceConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * Connects and loads the script, so the first decisions after a start pay for neither (a cold first call can
     * exceed the decision's wait and be decided locally).
     */
    CompletableFuture<String> warmUp() {
        return connection().thenCompose(c -> c.async().scriptLoad(SCRIPT)).toCompletableFuture();
    }

    CompletableFuture<Decision> decide(List<Tier> tiers, List<String> keys) {
        String[] keyArray = keys.toArray(String[]::new);
        List<String> args = new ArrayList<>(tiers.size() * 4);
        for (Tier tier : tiers) {
            args.add(String.valueOf(tier.algorithm().code));
            args.add(String.valueOf(tier.limit()));
            args.add(String.valueOf(tier.period().toMillis()));
            args.add(String.valueOf(tier.burst()));
        }
        String[] argArray = args.toArray(String[]::new);
        return connection()
                .thenCompose(c -> run(c.async(), keyArray, argArray))
                .thenApply(reply -> decision(tiers, reply))
                .toCompletableFuture();
    }

    /** EVALSHA, and EVAL once when Redis does not know the script yet (a restart, a flushed script cache). */
    private static CompletionStage<List<Long>> run(
            RedisAsyncCommands<String, String> redis, String[] keys, String[] args) {
        CompletionStage<List<Long>> bySha = redis.evalsha(SHA, ScriptOutputType.MULTI, keys, args);
        return bySha.exceptionallyCompose(failure -> unwrap(failure) instanceof RedisNoScriptException
                ? redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, args)
                : CompletableFuture.failedFuture(failure));
    }

    /** The connection, made on first use and again after a failed attempt; Lettuce reconnects a lost one itself. */
    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = new CompletableFuture<>();
        if (!connection.compareAndSet(current, attempt)) {
            return connection.get();
        }
        RedisClient client = (RedisClient) connections.getRequiredNativeClient();
        client.connectAsync(StringCodec.UTF8, uri()).whenComplete((made, failure) -> {
            if (failure != null) {
                attempt.completeExceptionally(failure);
            } else {
                attempt.complete(made);
            }
        });
        return attempt;
    }

    private RedisURI uri() {
        RedisStandaloneConfiguration standalone = connections.getStandaloneConfiguration();
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(standalone.getHostName())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withTimeout(Duration.ofMillis(connections.getTimeout()));
        standalone
                .getPassword()
                .toOptional()
                .ifPresent(password -> builder.withAuthentication(
                        standalone.getUsername() == null ? "default" : standalone.getUsername(), password));
        return builder.build();
    }

    @Override
    public void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.getAndSet(null);
        if (current != null) {
            current.thenAccept(StatefulRedisConnection::closeAsync);
        }
    }

    private static Decision decision(List<Tier> tiers, List<Long> reply) {
        List<Decision.TierState> states = new ArrayList<>(tiers.size());
        for (int i = 0; i < tiers.size(); i++) {
            int at = 1 + i * 3;
            states.add(new Decision.TierState(tiers.get(i), reply.get(at) == 1, reply.get(at + 1), reply.get(at + 2)));
        }
        return new Decision(reply.getFirst() == 1, states, Decision.Source.REDIS);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String scriptText() {
        try (var in = new ClassPathResource("ratelimit/rate_limit.lua").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("ratelimit/rate_limit.lua is missing from the classpath", e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
