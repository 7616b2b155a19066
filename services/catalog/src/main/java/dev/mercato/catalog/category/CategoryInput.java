package dev.mercato.catalog.category;

import dev.mercato.catalog.validation.Translations;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * What an admin sends to create or replace a category.
 *
 * @param slug its name in URLs and filters ({@code ?category=board-games})
 * @param position where it is listed; null puts a new category last and leaves an existing one where it is
 */
public record CategoryInput(
        @NotNull(message = "is required")
        @Size(max = 64, message = "must be at most 64 characters")
        @Pattern(
                regexp = "[a-z0-9]+(-[a-z0-9]+)*",
                message = "must be lower-case letters and digits, in groups joined by single hyphens")
        String slug,

        @NotNull(message = "is required") @Translations(maxLength = 100)
        Map<String, String> names,

        @Min(value = 0, message = "must be between 0 and 1000000")
        @Max(value = 1_000_000, message = "must be between 0 and 1000000")
        Integer position) {}
