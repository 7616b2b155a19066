package dev.mercato.catalog.product;

import dev.mercato.catalog.cache.CatalogCache;
import dev.mercato.catalog.i18n.Languages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/home")
@Tag(name = "Home", description = "The home page: banners and featured products, per city (public)")
class HomeController {

    private static final CacheControl HOME_CACHE =
            CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();

    private final HomeRepository home;
    private final Languages languages;
    private final CatalogCache cache;

    HomeController(HomeRepository home, Languages languages, CatalogCache cache) {
        this.home = home;
        this.languages = languages;
        this.cache = cache;
    }

    @GetMapping
    @Operation(summary = "Banners and featured products for a city (the city-less defaults included)")
    ResponseEntity<HomeView> get(
            @RequestParam(required = false)
                    @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a city slug")
                    @Size(max = 64, message = "must be at most 64 characters")
                    String city,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        String lang = languages.pick(acceptLanguage);
        HomeView view = cache.home(city, lang, HomeView.class, () -> home.home(city, lang));
        return ResponseEntity.ok()
                .cacheControl(HOME_CACHE)
                .header(HttpHeaders.CONTENT_LANGUAGE, lang)
                .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
                .body(view);
    }
}
