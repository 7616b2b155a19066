package dev.mercato.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the checkout simulation buys and who buys it, prepared before the load starts: {@code productCount}
 * products of the catalog's first page, stocked high by the admin so every checkout takes the happy path, and the
 * shopper pool.
 */
record CheckoutFixture(List<String> productIds, ShopperPool shoppers) {

    static final int STOCK = 1_000_000;

    record Settings(
            String baseUrl,
            String identityUrl,
            int productCount,
            int shoppers,
            Path shopperCache,
            java.time.Duration tokenLifetime,
            java.time.Duration cooldown,
            int parallelism) {}

    static CheckoutFixture prepare(Settings settings) {
        try (BenchHttp http = new BenchHttp()) {
            List<String> ids = stockProducts(http, settings);
            ShopperPool pool = ShopperPool.prepare(
                    http,
                    settings.identityUrl(),
                    settings.baseUrl(),
                    settings.shoppers(),
                    settings.shopperCache(),
                    settings.tokenLifetime(),
                    settings.cooldown(),
                    settings.parallelism());
            return new CheckoutFixture(ids, pool);
        }
    }

    private static List<String> stockProducts(BenchHttp http, Settings settings) {
        JsonNode page = http.send("GET", settings.baseUrl() + "/v1/products?limit=100", null, null)
                .expect(200);
        List<JsonNode> products = new ArrayList<>();
        page.path("items").forEach(products::add);
        if (products.isEmpty()) {
            throw new IllegalStateException(settings.baseUrl() + " serves no products; is the catalog seeded?");
        }
        List<JsonNode> chosen = products.subList(0, Math.min(settings.productCount(), products.size()));

        String admin = adminToken(http, settings.identityUrl());
        List<String> ids = new ArrayList<>();
        for (JsonNode product : chosen) {
            String sku = product.path("sku").asText();
            BenchHttp.Response stocked = http.send(
                    "PUT",
                    settings.baseUrl() + "/v1/inventory/" + URLEncoder.encode(sku, StandardCharsets.UTF_8),
                    admin,
                    Map.of("onHand", STOCK));
            if (stocked.status() == 404) {
                System.out.println("Checkout: inventory does not know SKU " + sku + "; not buying it");
                continue;
            }
            stocked.expect(200);
            ids.add(product.path("id").asText());
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("inventory knows none of the first " + chosen.size() + " products");
        }
        System.out.printf("Checkout: %d products stocked with %,d units each%n", ids.size(), STOCK);
        return List.copyOf(ids);
    }

    /** The admin's password: MERCATO_ADMIN_PASSWORD, else the file ./mercato up wrote (-DadminPasswordFile). */
    private static String adminToken(BenchHttp http, String identityUrl) {
        String email = envOr("MERCATO_ADMIN_EMAIL", "admin@mercato.local");
        String password = System.getenv("MERCATO_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            Path file = Path.of(System.getProperty("adminPasswordFile", "../.mercato/admin-password"));
            try {
                password = Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "no admin password: set MERCATO_ADMIN_PASSWORD or -DadminPasswordFile (tried " + file + ")");
            }
        }
        return http.send("POST", identityUrl + "/v1/auth/login", null, Map.of("email", email, "password", password))
                .expect(200)
                .path("accessToken")
                .asText();
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
