package dev.mercato.catalog.product;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Request bodies for the product admin API: a valid one, changed one field at a time. */
final class ProductBody {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    static String newSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    static ProductBody valid() {
        return valid(newSku(), "books");
    }

    static ProductBody valid(String sku, String category) {
        return new ProductBody()
                .with("sku", sku)
                .with("category", category)
                .with("names", Map.of("en", "Test book " + sku, "it", "Libro di prova " + sku))
                .with("descriptions", Map.of("en", "A book for tests.\nSecond line."))
                .price("19.90", "EUR")
                .with("imageUrl", "https://img.mercato.dev/" + sku + ".jpg")
                .with("inStock", true);
    }

    ProductBody with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    ProductBody without(String field) {
        fields.remove(field);
        return this;
    }

    ProductBody price(String amount, String currency) {
        return with("price", Map.of("amount", amount, "currency", currency));
    }

    String sku() {
        return (String) fields.get("sku");
    }

    Map<String, Object> json() {
        return new LinkedHashMap<>(fields);
    }
}
