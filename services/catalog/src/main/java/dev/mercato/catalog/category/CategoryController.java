package dev.mercato.catalog.category;

import dev.mercato.catalog.i18n.Languages;
import dev.mercato.web.page.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/categories")
@Tag(name = "Categories", description = "The category tree (public)")
class CategoryController {

    private final CategoryRepository categories;
    private final Languages languages;

    CategoryController(CategoryRepository categories, Languages languages) {
        this.categories = categories;
        this.languages = languages;
    }

    /** Every category in one page: there are few, so {@code nextCursor} is always null. */
    @GetMapping
    @Operation(summary = "All categories with their published product counts")
    ResponseEntity<CursorPage<CategoryView>> list(
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        String lang = languages.pick(acceptLanguage);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .header(HttpHeaders.CONTENT_LANGUAGE, lang)
                .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
                .body(CursorPage.last(categories.all(lang)));
    }
}
