package dev.mercato.catalog.product;

import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Inserts products straight into the catalog's tables, for tests that need rows the seed does not have. */
final class TestProducts {

    private final JdbcClient jdbc;

    TestProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID insert(String sku, String category, BigDecimal price) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into product (id, sku, category_id, names, descriptions, price_amount, currency,
                                             published_at, published)
                        select :id, :sku, c.id, jsonb_build_object('en', :sku), '{}'::jsonb, :price, 'EUR', now(), true
                        from category c where c.slug = :category
                        """)
                .param("id", id)
                .param("sku", sku)
                .param("category", category)
                .param("price", price)
                .update();
        return id;
    }

    UUID insertUnpublished(String sku) {
        UUID id = insert(sku, "books", BigDecimal.TEN);
        jdbc.sql("update product set published_at = now() + interval '1 day', published = false where id = :id")
                .param("id", id)
                .update();
        return id;
    }

    void delete(UUID id) {
        jdbc.sql("delete from product where id = :id").param("id", id).update();
    }
}
