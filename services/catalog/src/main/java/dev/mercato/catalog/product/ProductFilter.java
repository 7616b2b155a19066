package dev.mercato.catalog.product;

import dev.mercato.web.problem.ProblemException;
import java.math.BigDecimal;

/** What a listing is narrowed to; every field is optional. */
record ProductFilter(String category, String text, BigDecimal minPrice, BigDecimal maxPrice) {

    ProductFilter {
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw ProblemException.invalid("minPrice", "must not be greater than maxPrice");
        }
        if (text != null && text.isBlank()) {
            text = null;
        }
    }
}
