package dev.mercato.catalog.product;

import dev.mercato.catalog.validation.IsoCurrency;
import dev.mercato.catalog.validation.PlainText;
import dev.mercato.catalog.validation.Translations;
import dev.mercato.web.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * What an admin sends to create or replace a product.
 *
 * @param category the category's slug
 * @param publishAt when the product becomes visible; null means now (a product that is already visible keeps its time)
 */
public record ProductInput(
        @NotNull(message = "is required")
        @Pattern(
                regexp = "(?=.{3,40}$)[A-Z0-9]+(-[A-Z0-9]+)*",
                message = "must be 3 to 40 upper-case letters and digits, in groups joined by single hyphens")
        String sku,

        @NotNull(message = "is required")
        @Size(max = 64, message = "must be at most 64 characters")
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a category slug")
        String category,

        @NotNull(message = "is required") @Translations(maxLength = 200)
        Map<String, String> names,

        @Translations(maxLength = 5000, required = false, multiline = true)
        Map<String, String> descriptions,

        @NotNull(message = "is required") @Valid Price price,

        @Size(max = 2048, message = "must be at most 2048 characters")
        @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
        @PlainText
        String imageUrl,

        Boolean inStock,
        Instant publishAt) {

    /** Publishing times PostgreSQL and every client can represent. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public ProductInput {
        descriptions = descriptions == null ? Map.of() : descriptions;
        inStock = inStock == null ? Boolean.TRUE : inStock;
        if (publishAt != null && (publishAt.isBefore(EARLIEST) || publishAt.isAfter(LATEST))) {
            throw ProblemException.invalid("publishAt", "must be between 1970-01-01 and 9999-12-31");
        }
    }

    /**
     * @param amount a decimal string, {@code "12.50"}
     * @param currency ISO 4217, {@code "EUR"}
     */
    public record Price(
            @NotNull(message = "is required")
            @Pattern(
                    regexp = "[0-9]{1,10}(\\.[0-9]{1,2})?",
                    message = "must be a decimal string with at most 10 digits and 2 decimals, such as" + " \"12.50\"")
            @DecimalMin(value = "0.01", message = "must be greater than zero")
            String amount,

            @NotNull(message = "is required") @IsoCurrency String currency) {

        BigDecimal value() {
            return new BigDecimal(amount);
        }
    }
}
