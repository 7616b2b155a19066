package dev.mercato.catalog.category;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CategoryRepository {

    private final JdbcClient jdbc;

    CategoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CategoryView> all(String lang) {
        return jdbc.sql("""
                        select c.id, c.slug, coalesce(c.names ->> :lang, c.names ->> 'en') as name,
                               count(p.id) as product_count
                        from category c
                        left join product p on p.category_id = c.id and p.published
                        group by c.id
                        order by c.position, c.slug
                        """)
                .param("lang", lang)
                .query((rs, row) -> new CategoryView(
                        rs.getObject("id", UUID.class),
                        rs.getString("slug"),
                        rs.getString("name"),
                        rs.getLong("product_count")))
                .list();
    }
}
