package dev.mercato.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.process.ServiceProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link CatalogCache} against the shared local Redis, under keys of each test's own. */
class CatalogCacheIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Item(String name, int version) {}

    private final String prefix = "it:catalog:" + UUID.randomUUID() + ":";
    private final List<TestRedis> clients = new ArrayList<>();
    private final UUID id = UUID.randomUUID();

    private TestRedis redis;

    @BeforeEach
    void connect() {
        redis = client();
    }

    @AfterEach
    void cleanUp() {
        redis.deleteAll(prefix);
        clients.forEach(TestRedis::close);
    }

    @Test
    void loadsOnceThenServesFromRedisWithAJitteredTtl() {
        MeterRegistry meters = new SimpleMeterRegistry();
        CatalogCache cache = cache(redis, meters, properties(Duration.ofSeconds(100)));
        AtomicInteger loads = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            Item item = cache.product(id, "en", Item.class, () -> new Item("book " + loads.incrementAndGet(), 1));
            assertThat(item).isEqualTo(new Item("book 1", 1));
        }

        assertThat(loads).hasValue(1);
        assertThat(requests(meters, "product", "hit")).isEqualTo(2);
        assertThat(requests(meters, "product", "miss")).isEqualTo(1);
        Long ttl = redis.template.getExpire(
                prefix + "v1:product:" + id + ":en", java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(ttl).as("100 s spread by 20%").isBetween(1L, 120_000L);
    }

    @Test
    void fiveHundredConcurrentReadsOfAJustExpiredHotKeyLoadAHandfulOfTimes() throws Exception {
        // two instances: each its own connection and in-process single flight, one Redis between them
        MeterRegistry meters = new SimpleMeterRegistry();
        List<CatalogCache> instances = List.of(
                cache(redis, meters, properties(Duration.ofMinutes(5))),
                cache(client(), meters, properties(Duration.ofMinutes(5))));
        AtomicInteger loads = new AtomicInteger();
        Supplier<Item> database = () -> {
            loads.incrementAndGet();
            sleep(100); // a query that takes a while, so the readers pile up behind it
            return new Item("hot", 7);
        };
        instances.getFirst().product(id, "en", Item.class, database);
        redis.template.delete(prefix + "v1:product:" + id + ":en"); // the hot key expires
        loads.set(0);

        int readers = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Item>> reads = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < readers; i++) {
                CatalogCache instance = instances.get(i % 2);
                reads.add(pool.submit(() -> {
                    start.await();
                    return instance.product(id, "en", Item.class, database);
                }));
            }
            start.countDown();
            for (Future<Item> read : reads) {
                assertThat(read.get()).isEqualTo(new Item("hot", 7));
            }
        }

        assertThat(loads.get()).as("database loads for %d readers", readers).isBetween(1, 5);
        double waits = meters.find("catalog.cache.stampede.waits").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
        assertThat(waits).as("readers that waited for another's load").isGreaterThanOrEqualTo(readers - 5);
    }

    @Test
    void aValueLoadedBeforeAChangeIsNotCachedAfterTheChangeWasEvicted() throws Exception {
        CatalogCache cache = cache(redis, new SimpleMeterRegistry(), properties(Duration.ofMinutes(5)));
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch evicted = new CountDownLatch(1);

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Item> slow = pool.submit(() -> cache.product(id, "en", Item.class, () -> {
                loading.countDown();
                await(evicted); // the change commits and its invalidation is processed meanwhile
                return new Item("old price", 1);
            }));
            loading.await();
            cache.evictProduct(id);
            evicted.countDown();
            assertThat(slow.get()).isEqualTo(new Item("old price", 1));
        }

        assertThat(cache.product(id, "en", Item.class, () -> new Item("new price", 2)))
                .as("the next read loads again")
                .isEqualTo(new Item("new price", 2));
    }

    @Test
    void aChangeMovesEveryListingToNewKeys() {
        CatalogCache cache = cache(redis, new SimpleMeterRegistry(), properties(Duration.ofMinutes(5)));
        assertThat(cache.listing("books|page 1", Item.class, () -> new Item("page", 1)))
                .isEqualTo(new Item("page", 1));
        assertThat(cache.listing("books|page 1", Item.class, () -> new Item("page", 2)))
                .as("cached")
                .isEqualTo(new Item("page", 1));

        cache.evictProduct(UUID.randomUUID());

        assertThat(cache.listing("books|page 1", Item.class, () -> new Item("page", 3)))
                .isEqualTo(new Item("page", 3));
    }

    @Test
    void aCategoryChangeEvictsEveryProductAndListing() {
        CatalogCache cache = cache(redis, new SimpleMeterRegistry(), properties(Duration.ofMinutes(5)));
        UUID other = UUID.randomUUID();
        cache.product(id, "en", Item.class, () -> new Item("old slug", 1));
        cache.product(other, "it", Item.class, () -> new Item("old slug", 1));
        cache.listing("page", Item.class, () -> new Item("old slug", 1));

        cache.evictAll();

        assertThat(cache.product(id, "en", Item.class, () -> new Item("new slug", 2)))
                .isEqualTo(new Item("new slug", 2));
        assertThat(cache.product(other, "it", Item.class, () -> new Item("new slug", 2)))
                .isEqualTo(new Item("new slug", 2));
        assertThat(cache.listing("page", Item.class, () -> new Item("new slug", 2)))
                .isEqualTo(new Item("new slug", 2));
    }

    @Test
    void withRedisUnreachableReadsComeFromTheLoaderAndRedisIsSkippedForAWhile() {
        MeterRegistry meters = new SimpleMeterRegistry();
        CatalogCache cache = cache(client(ServiceProcess.freePort()), meters, properties(Duration.ofMinutes(5)));
        AtomicInteger loads = new AtomicInteger();

        for (int i = 0; i < 20; i++) {
            assertThat(cache.product(
                            id, "en", Item.class, () -> new Item("from the database", loads.incrementAndGet())))
                    .isNotNull();
            assertThat(cache.listing("q", Item.class, () -> new Item("page", loads.incrementAndGet())))
                    .isNotNull();
        }

        assertThat(loads).hasValue(40);
        assertThat(meters.counter("catalog.cache.redis.errors").count())
                .as("one failure, then Redis is skipped")
                .isEqualTo(1);
        assertThat(requests(meters, "product", "unavailable")).isEqualTo(20);
    }

    private CacheProperties properties(Duration ttl) {
        return new CacheProperties(
                true,
                prefix,
                ttl,
                ttl,
                0.2,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofMillis(10),
                Duration.ofSeconds(30));
    }

    private CatalogCache cache(TestRedis client, MeterRegistry meters, CacheProperties properties) {
        return new CatalogCache(client.template, JSON, properties, List.of("en", "it"), meters);
    }

    private TestRedis client() {
        TestRedis client = TestRedis.shared();
        clients.add(client);
        return client;
    }

    private TestRedis client(int port) {
        TestRedis client = TestRedis.at(port);
        clients.add(client);
        return client;
    }

    private static double requests(MeterRegistry meters, String cache, String result) {
        return meters.counter("catalog.cache.requests", "cache", cache, "result", result)
                .count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
