package dev.mercato.catalog.product;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The home page in one language, as served and as cached: its banners and featured products. */
record HomeView(@Nullable String city, List<Banner> banners, List<ProductView> featured) {

    record Banner(String title, String imageUrl, String link) {}
}
