package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.AdminApiTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Following {@code nextCursor} visits every product that was visible when paging began exactly once, while admins add
 * products concurrently (some visible at once, some scheduled a moment ahead, so they appear mid-walk) and delete
 * early ones: positions are taken at insert and never reused, so neither an insert (even one committing out of
 * position order) nor a deletion behind the reader shifts what it has not seen yet, as it would with offsets.
 */
class ProductListingWhileAddingIT extends AdminApiTest {

    static final int WRITERS = 4;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesThroughEveryExistingProductExactlyOnceWhileOthersAreAdded() throws Exception {
        Set<String> before = new HashSet<>(jdbc.sql("select id::text from product where published")
                .query(String.class)
                .list());
        Set<String> added = ConcurrentHashMap.newKeySet();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        // Early seeded products, not MC-000001 (ProductAdminApiIT expects it), in position order.
        List<String> early = jdbc.sql(
                        "select id::text from product where sku between 'MC-000002' and 'MC-000400'" + " order by seq")
                .query(String.class)
                .list();
        AtomicBoolean paging = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS + 1)) {
            List<Future<?>> running = new ArrayList<>();
            running.add(writers.submit(() -> {
                for (String id : early) {
                    if (!paging.get()) {
                        break;
                    }
                    var gone = asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "*");
                    assertThat(gone.status()).as(gone.toString()).isEqualTo(204);
                    deleted.add(id);
                }
                return null;
            }));
            for (int w = 0; w < WRITERS; w++) {
                boolean scheduling = w == 0;
                running.add(writers.submit(() -> {
                    while (paging.get()) {
                        ProductBody body = ProductBody.valid();
                        if (scheduling) {
                            body = body.with(
                                    "publishAt", Instant.now().plusMillis(500).toString());
                        }
                        var created = asAdmin("POST", "/v1/products", body.json());
                        assertThat(created.status()).as(created.toString()).isEqualTo(201);
                        added.add(created.json().get("id").asString());
                    }
                    return null;
                }));
            }
            String cursor = null;
            do {
                String path = "/v1/products?limit=50" + (cursor == null ? "" : "&cursor=" + cursor);
                JsonNode page = http.get(path).json();
                page.get("items").forEach(item -> seen.add(item.get("id").asString()));
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asString();
            } while (cursor != null);
            paging.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
        }

        assertThat(seen).doesNotHaveDuplicates();
        Set<String> stayed = new HashSet<>(before);
        stayed.removeAll(deleted);
        assertThat(seen).containsAll(stayed);
        Set<String> unexpected = new HashSet<>(seen);
        unexpected.removeAll(before);
        unexpected.removeAll(added);
        assertThat(unexpected).as("only products that existed or were added").isEmpty();
        assertThat(added).as("writers really ran while paging").hasSizeGreaterThan(WRITERS * 5);
        assertThat(deleted).as("deletions really ran while paging").hasSizeGreaterThan(20);
        System.out.println("EVIDENCE paged " + seen.size() + " products (" + before.size() + " before) while "
                + added.size() + " were added ("
                + seen.stream().filter(added::contains).count() + " of them seen) and "
                + deleted.size() + " early ones deleted");
    }
}
