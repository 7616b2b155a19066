package dev.mercato.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Catalog read path at a fixed arrival rate (open model).
 *
 * <p>Each virtual user browses: a product list page (half of the time filtered by a random
 * category), sometimes the next page, two product details (one from the page it saw, one from
 * anywhere in the catalog) and sometimes the category list.
 *
 * <p>System properties: {@code baseUrl}, {@code rate} (target requests/s; converted to users/s
 * with the expected requests per user), {@code duration} and {@code warmup} (seconds), and
 * {@code token}: when set, every request carries it as a bearer token.
 * Warm-up requests are silent so the report only holds the steady-state window.
 */
public class CatalogBrowseSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "200"));
    private static final int DURATION = Integer.getInteger("duration", 60);
    private static final int WARMUP = Integer.getInteger("warmup", 60);
    private static final String TOKEN = System.getProperty("token", "");

    private static final double NEXT_PAGE_PCT = 40;
    private static final double CATEGORIES_PCT = 20;
    /** List + 2 details, plus the optional steps weighted by how often they happen. */
    private static final double REQUESTS_PER_USER = 3 + NEXT_PAGE_PCT / 100 + CATEGORIES_PCT / 100;

    private static final double USERS_PER_SEC = RATE / REQUESTS_PER_USER;

    /** Wall-clock span of the measured requests, so "achieved" excludes the warm-up. */
    private static final AtomicLong FIRST_START = new AtomicLong(Long.MAX_VALUE);

    private static final AtomicLong LAST_END = new AtomicLong(Long.MIN_VALUE);

    private final CatalogFixture fixture = CatalogFixture.load(BASE_URL);

    private final HttpProtocolBuilder httpProtocol = withToken(http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .acceptLanguageHeader("en")
            // Detail responses carry Cache-Control; every request must reach the server.
            .disableCaching()
            .warmUp(BASE_URL + "/readyz"));

    private static HttpProtocolBuilder withToken(HttpProtocolBuilder protocol) {
        return TOKEN.isBlank() ? protocol : protocol.authorizationHeader("Bearer " + TOKEN);
    }

    private ScenarioBuilder browse(String name, boolean silent) {
        return scenario(name)
                .exec(session -> {
                    if (!silent) FIRST_START.accumulateAndGet(System.currentTimeMillis(), Math::min);
                    return session;
                })
                .feed(randomProducts())
                .exec(session -> session.set("listQuery", randomListQuery()))
                .exec(quiet(http("list products").get("/v1/products").queryParamMap("#{listQuery}"), silent)
                        .check(status().is(200))
                        .check(jsonPath("$.items[*].id").findRandom().saveAs("pageProductId"))
                        .check(jmesPath("nextCursor").optional().saveAs("nextCursor")))
                .randomSwitch()
                .on(percent(NEXT_PAGE_PCT)
                        .then(doIf(session -> session.contains("nextCursor"))
                                .then(exec(quiet(
                                                http("list products, next page")
                                                        .get("/v1/products")
                                                        .queryParamMap("#{listQuery}")
                                                        .queryParam("cursor", "#{nextCursor}"),
                                                silent)
                                        .check(status().is(200))))))
                // Without a listed page (the list failed) the first click has nothing to open.
                .doIf(session -> session.contains("pageProductId"))
                .then(exec(quiet(http("product detail").get("/v1/products/#{pageProductId}"), silent)
                        .check(status().is(200))))
                .exec(quiet(http("product detail").get("/v1/products/#{anyProductId}"), silent)
                        .check(status().is(200)))
                .randomSwitch()
                .on(percent(CATEGORIES_PCT)
                        .then(exec(quiet(http("list categories").get("/v1/categories"), silent)
                                .check(status().is(200)))))
                .exec(session -> {
                    if (!silent) LAST_END.accumulateAndGet(System.currentTimeMillis(), Math::max);
                    return session;
                });
    }

    /** Writes the length in seconds of the measured window where {@code -DwindowFile} says. */
    @Override
    public void after() {
        String file = System.getProperty("windowFile");
        if (file != null && LAST_END.get() > FIRST_START.get()) {
            double seconds = (LAST_END.get() - FIRST_START.get()) / 1000.0;
            try {
                Files.writeString(Path.of(file), String.format(Locale.ROOT, "%.3f%n", seconds));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static HttpRequestActionBuilder quiet(HttpRequestActionBuilder request, boolean silent) {
        return silent ? request.silent() : request;
    }

    /** Half of the lists are filtered by a random category, half show every category. */
    private Map<String, Object> randomListQuery() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> slugs = fixture.categorySlugs();
        return random.nextBoolean()
                ? Map.of("limit", 20)
                : Map.of("limit", 20, "category", slugs.get(random.nextInt(slugs.size())));
    }

    private Iterator<Map<String, Object>> randomProducts() {
        List<String> ids = fixture.productIds();
        return Stream.generate(() -> Map.<String, Object>of(
                        "anyProductId", ids.get(ThreadLocalRandom.current().nextInt(ids.size()))))
                .iterator();
    }

    {
        System.out.printf(
                "CatalogBrowse: baseUrl=%s rate=%.0f req/s (%.1f users/s) warmup=%ds duration=%ds,"
                        + " %d products, %d categories%n",
                BASE_URL,
                RATE,
                USERS_PER_SEC,
                WARMUP,
                DURATION,
                fixture.productIds().size(),
                fixture.categorySlugs().size());

        PopulationBuilder warmup = browse("warm-up", true)
                .injectOpen(rampUsersPerSec(1).to(USERS_PER_SEC).during(Duration.ofSeconds(WARMUP)));
        PopulationBuilder measured = browse("browse", false)
                .injectOpen(
                        nothingFor(Duration.ofSeconds(WARMUP)),
                        constantUsersPerSec(USERS_PER_SEC)
                                .during(Duration.ofSeconds(DURATION))
                                .randomized());

        setUp(warmup, measured)
                .protocols(httpProtocol)
                // A sanity gate, not a performance gate: a broken target shows up as errors.
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}
