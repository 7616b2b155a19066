package dev.mercato.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Customers the checkout simulation shops as, each with a valid access token, prepared before the load starts:
 * identity hashes passwords (Argon2id), so registering and logging in must stay out of the measurement.
 *
 * <p>The shoppers are kept in a cache file (email, password, refresh and access token): a later run reuses the
 * access token while it lasts the whole run, refreshes it otherwise (cheap), and registers and logs in only the
 * shoppers it has never seen or whose refresh token no longer works (e.g. after the identity database was reset).
 *
 * <p>One order per shopper at a time: a virtual user takes an idle shopper and gives it back when its order is
 * terminal; the shopper becomes idle again only after {@code cooldown}, so cart's asynchronous emptying (on
 * {@code order.created}) has happened before its next "add to cart". No idle shopper: {@link #take()} answers null.
 */
final class ShopperPool {

    record Shopper(String email, String password, String refreshToken, String accessToken, long expiresAtEpochSecond) {

        Shopper withTokens(JsonNode tokens) {
            return new Shopper(
                    email,
                    password,
                    tokens.path("refreshToken").asText(),
                    tokens.path("accessToken").asText(),
                    Instant.now().getEpochSecond() + tokens.path("expiresIn").asLong(900));
        }

        String line() {
            return String.join("\t", email, password, refreshToken, accessToken, Long.toString(expiresAtEpochSecond));
        }

        static Shopper parse(String line) {
            String[] f = line.split("\t", -1);
            return new Shopper(f[0], f[1], f[2], f[3], Long.parseLong(f[4]));
        }
    }

    private record Idle(Shopper shopper, long readyAtNanos) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(readyAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(readyAtNanos, ((Idle) other).readyAtNanos);
        }
    }

    private final DelayQueue<Idle> idle = new DelayQueue<>();
    private final long cooldownNanos;
    private final int size;

    private ShopperPool(List<Shopper> shoppers, Duration cooldown) {
        this.cooldownNanos = cooldown.toNanos();
        this.size = shoppers.size();
        long now = System.nanoTime();
        shoppers.forEach(s -> idle.add(new Idle(s, now)));
    }

    int size() {
        return size;
    }

    /** An idle shopper, or null when every shopper has an order in flight or is cooling down. */
    Shopper take() {
        Idle next = idle.poll();
        return next == null ? null : next.shopper();
    }

    void release(Shopper shopper) {
        idle.add(new Idle(shopper, System.nanoTime() + cooldownNanos));
    }

    /**
     * Makes {@code size} shoppers whose access tokens last at least {@code lifetime}, with empty carts.
     *
     * @param identityUrl registration, login and refresh go straight to identity: through the gateway they would
     *     hit its per-address "auth" rate limit
     * @param baseUrl the gateway, for emptying the carts
     */
    static ShopperPool prepare(
            BenchHttp http,
            String identityUrl,
            String baseUrl,
            int size,
            Path cache,
            Duration lifetime,
            Duration cooldown,
            int parallelism) {
        List<Shopper> known = read(cache);
        String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String password = "checkout bench " + tag;
        List<Shopper> wanted = new ArrayList<>(known.subList(0, Math.min(size, known.size())));
        for (int i = wanted.size(); i < size; i++) {
            wanted.add(new Shopper("bench-" + tag + "-" + i + "@example.com", password, "", "", 0));
        }
        long mustLastUntil = Instant.now().plus(lifetime).getEpochSecond();

        long started = System.nanoTime();
        List<Shopper> ready = parallel(wanted, parallelism, s -> {
            Shopper shopper = withAccessToken(http, identityUrl, s, mustLastUntil, lifetime, false);
            // Leftovers of an interrupted run would enlarge the first orders. Emptying the cart also proves the
            // cached access token still works: identity signs with a new key after a restart in local runs.
            BenchHttp.Response cleared = emptyCart(http, baseUrl, shopper);
            if (cleared.status() == 401) {
                shopper = withAccessToken(http, identityUrl, shopper, mustLastUntil, lifetime, true);
                cleared = emptyCart(http, baseUrl, shopper);
            }
            cleared.expect(204, 200);
            return shopper;
        });
        List<Shopper> all = new ArrayList<>(ready);
        all.addAll(known.subList(Math.min(size, known.size()), known.size()));
        write(cache, all);
        System.out.printf(
                "Checkout: %d shoppers ready (%d were cached) in %.1fs%n",
                ready.size(), Math.min(size, known.size()), (System.nanoTime() - started) / 1e9);
        return new ShopperPool(ready, cooldown);
    }

    private static BenchHttp.Response emptyCart(BenchHttp http, String baseUrl, Shopper s) {
        return http.send("DELETE", baseUrl + "/v1/cart", s.accessToken(), null);
    }

    /** {@code renew}: the cached access token was refused; get a new one whatever its expiry says. */
    private static Shopper withAccessToken(
            BenchHttp http, String identityUrl, Shopper s, long mustLastUntil, Duration lifetime, boolean renew) {
        if (!renew && !s.accessToken().isEmpty() && s.expiresAtEpochSecond() > mustLastUntil) {
            return s;
        }
        Shopper fresh = null;
        if (!s.refreshToken().isEmpty()) {
            BenchHttp.Response refreshed =
                    http.send("POST", identityUrl + "/v1/auth/refresh", null, Map.of("refreshToken", s.refreshToken()));
            if (refreshed.status() == 200) {
                fresh = s.withTokens(refreshed.body());
            }
        }
        if (fresh == null) {
            // Registering first: a login of an unknown account would count as a failed login against this address.
            http.send(
                            "POST",
                            identityUrl + "/v1/auth/register",
                            null,
                            Map.of("email", s.email(), "password", s.password(), "name", "Bench Shopper"))
                    .expect(201, 409);
            JsonNode tokens = http.send(
                            "POST",
                            identityUrl + "/v1/auth/login",
                            null,
                            Map.of("email", s.email(), "password", s.password()))
                    .expect(200);
            fresh = s.withTokens(tokens);
        }
        if (fresh.accessToken().isEmpty() || fresh.expiresAtEpochSecond() <= mustLastUntil) {
            throw new IllegalStateException("identity's access tokens last less than this run (" + lifetime.toSeconds()
                    + "s of warm-up, measurement and margin): shorten --warmup/--duration");
        }
        return fresh;
    }

    interface Step {
        Shopper apply(Shopper s);
    }

    private static List<Shopper> parallel(List<Shopper> shoppers, int parallelism, Step step) {
        try (ExecutorService executor = Executors.newFixedThreadPool(parallelism)) {
            List<Future<Shopper>> futures = shoppers.stream()
                    .map(s -> executor.submit(() -> step.apply(s)))
                    .toList();
            List<Shopper> done = new ArrayList<>(futures.size());
            for (Future<Shopper> future : futures) {
                try {
                    done.add(future.get());
                } catch (ExecutionException e) {
                    executor.shutdownNow();
                    throw new IllegalStateException(
                            "preparing the shoppers failed: " + e.getCause().getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while preparing the shoppers", e);
                }
            }
            return done;
        }
    }

    private static List<Shopper> read(Path cache) {
        if (!Files.isRegularFile(cache)) {
            return List.of();
        }
        try {
            return Files.readAllLines(cache).stream()
                    .filter(l -> !l.isBlank())
                    .map(Shopper::parse)
                    .toList();
        } catch (IOException | RuntimeException e) {
            System.out.println("Checkout: ignoring unreadable shopper cache " + cache + " (" + e + ")");
            return List.of();
        }
    }

    private static void write(Path cache, List<Shopper> shoppers) {
        try {
            Path parent = cache.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "shoppers", ".tmp");
            Files.write(tmp, shoppers.stream().map(Shopper::line).toList());
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
