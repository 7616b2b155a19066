package dev.mercato.catalog.product;

import dev.mercato.catalog.concurrency.IfMatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes products. Every update and delete checks the version the client read in the statement itself, so two writers
 * holding the same version cannot both succeed.
 */
@Repository
class ProductAdminRepository {

    private static final String COLUMNS = """
            p.id, p.sku, p.names::text as names, p.descriptions::text as descriptions, p.price_amount, p.currency,
            p.image_url, p.in_stock, p.published_at, p.published, p.version, p.created_at, p.updated_at
            """;
    private static final TypeReference<LinkedHashMap<String, String>> TEXTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProductAdminRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Published or not. */
    Optional<Product> find(UUID id) {
        return jdbc.sql("select c.slug as category, " + COLUMNS
                        + " from product p join category c on c.id = p.category_id where p.id = :id")
                .param("id", id)
                .query((rs, row) -> product(rs, rs.getString("category")))
                .optional();
    }

    Optional<UUID> categoryId(String slug) {
        return jdbc.sql("select id from category where slug = :slug")
                .param("slug", slug)
                .query(UUID.class)
                .optional();
    }

    /**
     * Empty when another product has the SKU.
     *
     * @param published whether the product is visible from now on, or waits for its scheduled publishing
     */
    Optional<Product> insert(UUID id, ProductInput input, UUID categoryId, boolean published) {
        return jdbc.sql("""
                        insert into product as p (id, sku, category_id, names, descriptions, price_amount, currency,
                                                  image_url, in_stock, published_at, published)
                        values (:id, :sku, :categoryId, cast(:names as jsonb), cast(:descriptions as jsonb), :amount,
                                :currency, :imageUrl, :inStock, coalesce(cast(:publishAt as timestamptz), now()),
                                :published)
                        on conflict (sku) do nothing
                        returning
                        """ + COLUMNS)
                .param("id", id)
                .param("published", published)
                .params(fields(input, categoryId))
                .query((rs, row) -> product(rs, input.category()))
                .optional();
    }

    /** Empty when the product does not exist or its version does not match; a taken SKU throws. */
    Optional<Product> update(UUID id, IfMatch ifMatch, ProductInput input, UUID categoryId, boolean published) {
        return jdbc.sql("""
                        update product p
                        set sku = :sku, category_id = :categoryId, names = cast(:names as jsonb),
                            descriptions = cast(:descriptions as jsonb), price_amount = :amount, currency = :currency,
                            image_url = :imageUrl, in_stock = :inStock,
                            published_at = coalesce(cast(:publishAt as timestamptz),
                                                    case when p.published then p.published_at else now() end),
                            published = :published,
                            version = p.version + 1, updated_at = now()
                        where p.id = :id and (:any or p.version in (:versions))
                        returning
                        """ + COLUMNS)
                .param("id", id)
                .param("any", ifMatch.any())
                .param("versions", ifMatch.sqlVersions())
                .param("published", published)
                .params(fields(input, categoryId))
                .query((rs, row) -> product(rs, input.category()))
                .optional();
    }

    /** The deleted product; empty when it does not exist or its version does not match. */
    Optional<Product> delete(UUID id, IfMatch ifMatch) {
        return jdbc.sql("""
                        delete from product p using category c
                        where c.id = p.category_id and p.id = :id and (:any or p.version in (:versions))
                        returning c.slug as category, """ + COLUMNS)
                .param("id", id)
                .param("any", ifMatch.any())
                .param("versions", ifMatch.sqlVersions())
                .query((rs, row) -> product(rs, rs.getString("category")))
                .optional();
    }

    /** Whether the product is published and when it is (to be); empty when there is no such product. */
    Optional<PublishStep.Schedule> schedule(UUID id) {
        return jdbc.sql("select published, published_at from product where id = :id")
                .param("id", id)
                .query((rs, row) -> new PublishStep.Schedule(rs.getBoolean("published"), instant(rs, "published_at")))
                .optional();
    }

    /**
     * Publishes the product if it is still waiting for exactly this time; empty when it is not (published already,
     * rescheduled or deleted). A new version, as for any other change clients can see.
     */
    Optional<Product> publish(UUID id, Instant publishAt) {
        return jdbc.sql("""
                        update product p set published = true, version = p.version + 1, updated_at = now()
                        from category c
                        where c.id = p.category_id and p.id = :id and not p.published and p.published_at = :publishAt
                        returning c.slug as category, """ + COLUMNS)
                .param("id", id)
                .param("publishAt", publishAt.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> product(rs, rs.getString("category")))
                .optional();
    }

    boolean exists(UUID id) {
        return jdbc.sql("select exists (select 1 from product where id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private Map<String, Object> fields(ProductInput input, UUID categoryId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sku", input.sku());
        fields.put("categoryId", categoryId);
        fields.put("names", json.writeValueAsString(input.names()));
        fields.put("descriptions", json.writeValueAsString(input.descriptions()));
        fields.put("amount", input.price().value());
        fields.put("currency", input.price().currency());
        fields.put("imageUrl", input.imageUrl());
        fields.put("inStock", input.inStock());
        fields.put(
                "publishAt",
                input.publishAt() == null ? null : input.publishAt().atOffset(ZoneOffset.UTC));
        return fields;
    }

    private Product product(ResultSet rs, String category) throws SQLException {
        return new Product(
                rs.getObject("id", UUID.class),
                rs.getString("sku"),
                category,
                json.readValue(rs.getString("names"), TEXTS),
                json.readValue(rs.getString("descriptions"), TEXTS),
                Money.of(rs.getBigDecimal("price_amount"), rs.getString("currency")),
                rs.getString("image_url"),
                rs.getBoolean("in_stock"),
                instant(rs, "published_at"),
                rs.getBoolean("published"),
                rs.getInt("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
