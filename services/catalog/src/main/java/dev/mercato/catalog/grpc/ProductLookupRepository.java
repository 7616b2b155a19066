package dev.mercato.catalog.grpc;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads products by id straight from PostgreSQL, never from the cache: callers price carts and orders with the answer,
 * so it must be current. Unpublished products are included (with {@code published} false); deleted ones are gone.
 */
@Repository
class ProductLookupRepository {

    private final JdbcClient jdbc;

    ProductLookupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<LookedUpProduct> find(Collection<UUID> ids, String language, String defaultLanguage) {
        return jdbc.sql("""
                        select p.id, p.sku, coalesce(p.names ->> :lang, p.names ->> :fallback) as name,
                               p.price_amount, p.currency, p.published
                        from product p
                        where p.id = any(:ids)
                        """)
                .param("lang", language)
                .param("fallback", defaultLanguage)
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, row) -> new LookedUpProduct(
                        rs.getObject("id", UUID.class),
                        rs.getString("sku"),
                        rs.getString("name"),
                        rs.getBigDecimal("price_amount"),
                        rs.getString("currency").trim(),
                        rs.getBoolean("published")))
                .list();
    }
}
