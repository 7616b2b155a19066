package dev.mercato.catalog.product;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads published products (those whose scheduled publishing has happened), translated into one language. */
@Repository
class ProductRepository {

    private static final String SELECT = """
            select p.seq, p.id, p.sku, p.version, c.slug as category,
                   coalesce(p.names ->> :lang, p.names ->> 'en') as name,
                   coalesce(p.descriptions ->> :lang, p.descriptions ->> 'en', '') as description,
                   p.price_amount, p.currency, p.image_url, p.in_stock
            from product p
            join category c on c.id = p.category_id
            where p.published
            """;

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} products after the cursor, in position order. */
    List<Positioned> page(ProductFilter filter, ProductCursor cursor, int limit, String lang) {
        StringBuilder sql = new StringBuilder(SELECT).append(" and p.seq > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("lang", lang);
        params.put("after", cursor.afterPosition());
        params.put("limit", limit);
        if (filter.category() != null) {
            sql.append(" and c.slug = :category");
            params.put("category", filter.category());
        }
        if (filter.minPrice() != null) {
            sql.append(" and p.price_amount >= :minPrice");
            params.put("minPrice", filter.minPrice());
        }
        if (filter.maxPrice() != null) {
            sql.append(" and p.price_amount <= :maxPrice");
            params.put("maxPrice", filter.maxPrice());
        }
        if (filter.text() != null) {
            sql.append(" and p.search @@ websearch_to_tsquery('simple', :text)");
            params.put("text", filter.text());
        }
        sql.append(" order by p.seq limit :limit");
        return jdbc.sql(sql.toString())
                .params(params)
                .query(ProductRepository::positioned)
                .list();
    }

    Optional<Versioned> find(UUID id, String lang) {
        return jdbc.sql(SELECT + " and p.id = :id")
                .param("lang", lang)
                .param("id", id)
                .query((rs, row) -> new Versioned(view(rs), rs.getInt("version")))
                .optional();
    }

    record Positioned(long position, ProductView product) {}

    record Versioned(ProductView product, int version) {}

    private static Positioned positioned(ResultSet rs, int row) throws SQLException {
        return new Positioned(rs.getLong("seq"), view(rs));
    }

    static ProductView view(ResultSet rs) throws SQLException {
        return new ProductView(
                rs.getObject("id", UUID.class),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("category"),
                Money.of(rs.getBigDecimal("price_amount"), rs.getString("currency")),
                rs.getString("image_url"),
                rs.getBoolean("in_stock"));
    }

    static List<ProductView> products(List<Positioned> rows) {
        List<ProductView> products = new ArrayList<>(rows.size());
        rows.forEach(row -> products.add(row.product()));
        return products;
    }
}
