package dev.mercato.catalog.product;

import dev.mercato.catalog.cache.CatalogCache;
import dev.mercato.catalog.i18n.Languages;
import dev.mercato.web.page.CursorPage;
import dev.mercato.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping("/v1/products")
@Tag(name = "Products", description = "Browse the published catalog (public)")
class ProductController {

    private static final CacheControl LISTING_CACHE =
            CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();
    private static final CacheControl DETAIL_CACHE =
            CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

    private final ProductRepository products;
    private final Languages languages;
    private final CatalogCache cache;

    ProductController(ProductRepository products, Languages languages, CatalogCache cache) {
        this.products = products;
        this.languages = languages;
        this.cache = cache;
    }

    @GetMapping
    @Operation(summary = "List published products, filtered, one page at a time")
    ResponseEntity<CursorPage<ProductView>> list(
            @RequestParam(defaultValue = "20")
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = 100, message = "must be between 1 and 100")
                    int limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false)
                    @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a category slug")
                    @Size(max = 64)
                    String category,
            @RequestParam(required = false) @Size(max = 200, message = "must be at most 200 characters") String q,
            @RequestParam(required = false) @DecimalMin(value = "0", message = "must not be negative")
                    BigDecimal minPrice,
            @RequestParam(required = false) @DecimalMin(value = "0", message = "must not be negative")
                    BigDecimal maxPrice,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        var filter = new ProductFilter(category, q, minPrice, maxPrice);
        String lang = languages.pick(acceptLanguage);
        ProductCursor after = ProductCursor.decode(cursor);
        CachedPage page = cache.listing(
                CachedPage.query(filter, after, limit, lang),
                CachedPage.class,
                () -> CachedPage.of(products.page(filter, after, limit + 1, lang), limit));
        return ResponseEntity.ok()
                .cacheControl(LISTING_CACHE)
                .header(HttpHeaders.CONTENT_LANGUAGE, lang)
                .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
                .body(new CursorPage<>(page.items(), page.nextCursor()));
    }

    @GetMapping("/{id}")
    // no @ResponseStatus: it would turn the 304 (a null return) into a 200
    @ApiResponse(responseCode = "200", description = "The product", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "304", description = "Not modified since the If-None-Match tag")
    @Operation(summary = "One published product; supports If-None-Match")
    ResponseEntity<ProductView> get(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            WebRequest request) {
        String lang = languages.pick(acceptLanguage);
        var found = ProductIds.parse(id)
                .flatMap(uuid -> Optional.ofNullable(cache.product(
                        uuid,
                        lang,
                        ProductRepository.Versioned.class,
                        () -> products.find(uuid, lang).orElse(null))))
                .orElseThrow(() -> ProblemException.notFound("Product", id));
        String etag = "\"" + found.version() + "-" + lang + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok()
                .eTag(etag)
                .cacheControl(DETAIL_CACHE)
                .header(HttpHeaders.CONTENT_LANGUAGE, lang)
                .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
                .body(found.product());
    }
}
