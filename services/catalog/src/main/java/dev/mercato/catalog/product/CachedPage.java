package dev.mercato.catalog.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** A listing page as the cache holds it: its products and the cursor of the next page. */
record CachedPage(List<ProductView> items, @Nullable String nextCursor) {

    /** From up to {@code limit + 1} rows: the extra one only tells that there is a next page. */
    static CachedPage of(List<ProductRepository.Positioned> rows, int limit) {
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = new ProductCursor(rows.getLast().position()).encode();
        }
        return new CachedPage(ProductRepository.products(rows), next);
    }

    /** Everything that decides a page's content, unambiguously (each part prefixed with its length). */
    static String query(ProductFilter filter, ProductCursor after, int limit, String lang) {
        StringBuilder query = new StringBuilder();
        Stream.of(
                        lang,
                        String.valueOf(limit),
                        String.valueOf(after.afterPosition()),
                        filter.category(),
                        filter.text(),
                        plain(filter.minPrice()),
                        plain(filter.maxPrice()))
                .forEach(part -> query.append(part == null ? "-" : part.length() + ":" + part)
                        .append('|'));
        return query.toString();
    }

    private static @Nullable String plain(@Nullable BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }
}
