package dev.mercato.catalog.product;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the home page: a city's own banners and featured products first, then the city-less ones. */
@Repository
class HomeRepository {

    private final JdbcClient jdbc;

    HomeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    HomeView home(@Nullable String city, String lang) {
        List<HomeView.Banner> banners = jdbc.sql("""
                        select coalesce(b.title ->> :lang, b.title ->> 'en') as title, b.image_url, b.link
                        from banner b
                        where (b.city is null or b.city = cast(:city as text))
                          and (b.active_from is null or b.active_from <= now())
                          and (b.active_until is null or b.active_until > now())
                        order by b.city is null, b.position, b.id
                        """)
                .param("lang", lang)
                .param("city", city)
                .query((rs, row) ->
                        new HomeView.Banner(rs.getString("title"), rs.getString("image_url"), rs.getString("link")))
                .list();
        List<ProductView> featured = jdbc.sql("""
                        select p.seq, p.id, p.sku, p.version, c.slug as category,
                               coalesce(p.names ->> :lang, p.names ->> 'en') as name,
                               coalesce(p.descriptions ->> :lang, p.descriptions ->> 'en', '') as description,
                               p.price_amount, p.currency, p.image_url, p.in_stock
                        from featured_product f
                        join product p on p.id = f.product_id
                        join category c on c.id = p.category_id
                        where p.published
                          and (f.city = cast(:city as text)
                               or (f.city is null and not exists (
                                   select 1 from featured_product own
                                   where own.city = cast(:city as text) and own.product_id = f.product_id)))
                        order by f.city is null, f.position, p.seq
                        """)
                .param("lang", lang)
                .param("city", city)
                .query((rs, row) -> ProductRepository.view(rs))
                .list();
        return new HomeView(city, banners, featured);
    }
}
