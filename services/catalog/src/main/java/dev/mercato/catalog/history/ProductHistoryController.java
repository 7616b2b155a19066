package dev.mercato.catalog.history;

import dev.mercato.web.problem.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What happened to a product, newest first, also after it was deleted. Admins only. */
@RestController
class ProductHistoryController {

    private final ProductHistory history;

    ProductHistoryController(ProductHistory history) {
        this.history = history;
    }

    record HistoryPage(String productId, List<ProductHistory.Change> items) {}

    @GetMapping("/v1/products/{id}/history")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<HistoryPage> history(@PathVariable String id) {
        List<ProductHistory.Change> changes = parse(id).map(history::of).orElse(List.of());
        if (changes.isEmpty()) {
            throw ProblemException.notFound("Product history", id);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new HistoryPage(id, changes));
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException malformed) {
            return java.util.Optional.empty();
        }
    }
}
