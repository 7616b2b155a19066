package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** The platform as a client sees it: client → gateway → registry → identity / catalog → PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformThroughGatewayE2E {

    private static final int SEEDED_PRODUCTS = 5000;
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(2);

    Platform platform;
    HttpJson gateway;

    @BeforeAll
    void start() throws Exception {
        platform = Platform.shared();
        gateway = platform.viaGateway();
    }

    @Test
    @Order(1)
    void registersCatalogAndGatewayAsUp() {
        Awaitility.await("catalog and gateway UP in the registry")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(upInRegistry()).contains("CATALOG", "GATEWAY", "IDENTITY"));
    }

    private Set<String> upInRegistry() {
        var apps = platform.direct("discovery").get("/eureka/apps", "Accept", "application/json");
        Set<String> up = new HashSet<>();
        apps.json()
                .get("applications")
                .get("application")
                .forEach(app -> app.get("instance").forEach(instance -> {
                    if ("UP".equals(instance.get("status").asString())) {
                        up.add(app.get("name").asString());
                    }
                }));
        return up;
    }

    @Test
    @Order(2)
    void pagesThroughEveryProductExactlyOnceViaTheGateway() {
        var first = gateway.get("/v1/products?limit=20");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(20);
        assertThat(first.json().get("nextCursor").asString()).isNotBlank();

        Set<String> seen = new HashSet<>();
        int pages = 0;
        String path = "/v1/products?limit=100";
        while (path != null) {
            var page = gateway.get(path);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode body = page.json();
            body.get("items")
                    .forEach(item -> assertThat(seen.add(item.get("id").asString()))
                            .as("duplicate %s", item.get("id"))
                            .isTrue());
            JsonNode next = body.get("nextCursor");
            path = next.isNull() ? null : "/v1/products?limit=100&cursor=" + next.asString();
            pages++;
        }

        assertThat(seen).hasSize(SEEDED_PRODUCTS);
        assertThat(pages).isEqualTo(SEEDED_PRODUCTS / 100);
    }

    @Test
    @Order(2)
    void servesTheHomePageOfACityViaTheGateway() {
        var home = gateway.get("/v1/home?city=milano");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.json().get("city").asString()).isEqualTo("milano");
        assertThat(home.json().get("banners")).isNotEmpty();
        assertThat(home.json().get("featured")).isNotEmpty();
        assertThat(gateway.get("/v1/home?city=Not_A_Slug").status()).isEqualTo(400);
    }

    @Test
    @Order(3)
    void answersBadInputWithProblemsNamingTheParameter() {
        for (String query : new String[] {"limit=0", "limit=abc", "minPrice=-1"}) {
            var response = gateway.get("/v1/products?" + query);
            String parameter = query.substring(0, query.indexOf('='));

            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo(parameter);
        }
        var unknown = gateway.get("/v1/products/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(4)
    void carriesOneRequestIdAndTraceFromEdgeToService() {
        var response = gateway.get("/v1/categories", "X-Request-Id", "e2e-trace-check");

        assertThat(response.header("X-Request-Id")).contains("e2e-trace-check");
        assertThat(response.header("traceparent").orElseThrow()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        var problem = gateway.get("/v1/products?limit=0", "X-Request-Id", "e2e-trace-check-2");
        assertThat(problem.json().get("requestId").asString())
                .as("the id the gateway forwarded is the one the catalog reports")
                .isEqualTo("e2e-trace-check-2");
    }

    @Test
    @Order(5)
    void servesEachServicesApiDocsThroughTheGateway() {
        var docs = gateway.get("/v3/api-docs/catalog");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/v1/products")).isTrue();
        assertThat(gateway.get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    @Order(6)
    void reportsVersionAndCommitOnEveryService() {
        for (String service :
                new String[] {"discovery", "identity", "catalog", "gateway", "inventory", "cart", "ordering", "payment"
                }) {
            JsonNode info = platform.management(service).get("/actuator/info").json();

            assertThat(info.get("build").get("version").asString()).isNotBlank();
            assertThat(info.get("git").get("commit").get("id").asString()).isNotBlank();
        }
    }

    @Test
    @Order(10)
    void registersLogsInAndReadsTheOwnAccountThroughTheGateway() {
        String email = "e2e-" + java.util.UUID.randomUUID() + "@example.com";
        var registered = post(
                "/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"E2E\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        JsonNode tokens = login(email, PASSWORD);
        var me = gateway.get(
                "/v1/users/me",
                "Authorization",
                "Bearer " + tokens.get("accessToken").asString());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(email);
        assertThat(gateway.get("/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    @Order(11)
    void revokesTheWholeSessionWhenARotatedRefreshTokenIsReused() {
        String email = "e2e-" + java.util.UUID.randomUUID() + "@example.com";
        post("/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"T\"}");
        String stolen = login(email, PASSWORD).get("refreshToken").asString();
        var rotated = post("/v1/auth/refresh", "{\"refreshToken\":\"" + stolen + "\"}");
        assertThat(rotated.status()).isEqualTo(200);
        String newest = rotated.json().get("refreshToken").asString();
        assertThat(newest).isNotEqualTo(stolen);

        assertThat(post("/v1/auth/refresh", "{\"refreshToken\":\"" + stolen + "\"}")
                        .status())
                .isEqualTo(401);
        assertThat(post("/v1/auth/refresh", "{\"refreshToken\":\"" + newest + "\"}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    @Order(12)
    void forbidsCustomersFromAdminEndpoints() {
        String admin = login(Platform.ADMIN_EMAIL, Platform.ADMIN_PASSWORD)
                .get("accessToken")
                .asString();
        String adminId = gateway.get("/v1/users/me", "Authorization", "Bearer " + admin)
                .json()
                .get("id")
                .asString();
        String email = "e2e-" + java.util.UUID.randomUUID() + "@example.com";
        post("/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"C\"}");
        String customer = login(email, PASSWORD).get("accessToken").asString();

        assertThat(gateway.get("/v1/users/" + adminId, "Authorization", "Bearer " + customer)
                        .status())
                .isEqualTo(403);
        assertThat(gateway.get("/v1/users/" + adminId, "Authorization", "Bearer " + admin)
                        .status())
                .isEqualTo(200);
    }

    private static final String PASSWORD = "e2e customer passphrase";

    private HttpJson.Response post(String path, String json) {
        return gateway.send("POST", path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private JsonNode login(String email, String password) {
        var response = post("/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    @Order(100)
    void answers503QuicklyOnceCatalogIsGoneWhileStayingReady() throws Exception {
        platform.stop("catalog");

        long started = System.nanoTime();
        var response = gateway.get("/v1/products?limit=5");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(took).isLessThan(ROUTE_TIMEOUT);
        assertThat(gateway.get("/readyz").status()).isEqualTo(200);

        platform.start("catalog", java.util.Map.of());
    }
}
