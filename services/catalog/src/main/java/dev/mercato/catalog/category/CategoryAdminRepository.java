package dev.mercato.catalog.category;

import dev.mercato.catalog.concurrency.IfMatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes categories. Every update and delete checks the version the client read in the statement itself, so two
 * writers holding the same version cannot both succeed.
 */
@Repository
class CategoryAdminRepository {

    private static final String COLUMNS =
            "c.id, c.slug, c.names::text as names, c.position, c.version, c.created_at, c.updated_at";
    private static final TypeReference<LinkedHashMap<String, String>> TEXTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CategoryAdminRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Category> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from category c where c.id = :id")
                .param("id", id)
                .query(this::category)
                .optional();
    }

    /** Empty when another category has the slug. A category without a position goes last. */
    Optional<Category> insert(UUID id, CategoryInput input) {
        return jdbc.sql("""
                        insert into category as c (id, slug, names, position)
                        values (:id, :slug, cast(:names as jsonb),
                                coalesce(:position, (select coalesce(max(position), 0) + 1 from category)))
                        on conflict (slug) do nothing
                        returning
                        """ + COLUMNS)
                .param("id", id)
                .param("slug", input.slug())
                .param("names", json.writeValueAsString(input.names()))
                .param("position", input.position(), Types.INTEGER)
                .query(this::category)
                .optional();
    }

    /** The current slug, locking the row until the transaction ends; empty when there is no such category. */
    Optional<String> lockSlug(UUID id) {
        return jdbc.sql("select slug from category where id = :id for update")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** Empty when the version does not match; a taken slug throws. */
    Optional<Category> update(UUID id, IfMatch ifMatch, CategoryInput input) {
        return jdbc.sql("""
                        update category c
                        set slug = :slug, names = cast(:names as jsonb), position = coalesce(:position, c.position),
                            version = c.version + 1, updated_at = now()
                        where c.id = :id and (:any or c.version in (:versions))
                        returning
                        """ + COLUMNS)
                .param("id", id)
                .param("any", ifMatch.any())
                .param("versions", ifMatch.sqlVersions())
                .param("slug", input.slug())
                .param("names", json.writeValueAsString(input.names()))
                .param("position", input.position(), Types.INTEGER)
                .query(this::category)
                .optional();
    }

    /**
     * A new slug changes how every product in the category is shown, so each gets a new version (and with it a new
     * ETag): a client revalidating a product it cached is not told "not modified".
     */
    void touchProducts(UUID id) {
        jdbc.sql("update product set version = version + 1, updated_at = now() where category_id = :id")
                .param("id", id)
                .update();
    }

    /** The deleted category; empty when it does not exist, its version does not match, or it still has products. */
    Optional<Category> deleteIfEmpty(UUID id, IfMatch ifMatch) {
        return jdbc.sql("""
                        delete from category c
                        where c.id = :id and (:any or c.version in (:versions))
                          and not exists (select 1 from product p where p.category_id = c.id)
                        returning
                        """ + COLUMNS)
                .param("id", id)
                .param("any", ifMatch.any())
                .param("versions", ifMatch.sqlVersions())
                .query(this::category)
                .optional();
    }

    /** Why a delete did not happen: the category's version and how many products (published or not) it holds. */
    Optional<Occupancy> occupancy(UUID id) {
        return jdbc.sql("""
                        select c.slug, c.version, (select count(*) from product p where p.category_id = c.id) as products
                        from category c where c.id = :id
                        """)
                .param("id", id)
                .query((rs, row) -> new Occupancy(rs.getString("slug"), rs.getInt("version"), rs.getLong("products")))
                .optional();
    }

    record Occupancy(String slug, int version, long products) {}

    private Category category(ResultSet rs, int row) throws SQLException {
        return new Category(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                json.readValue(rs.getString("names"), TEXTS),
                rs.getInt("position"),
                rs.getInt("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
