package dev.mercato.catalog.product;

import dev.mercato.catalog.concurrency.IfMatch;
import dev.mercato.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Creates, replaces and deletes products. Replacing and deleting need {@code If-Match} with the ETag last read. */
@RestController
@RequestMapping("/v1/products")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Products (admin)", description = "Create, replace and delete products (admin role)")
class ProductAdminController {

    private final ProductAdmin admin;

    ProductAdminController(ProductAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/{id}/admin")
    @Operation(summary = "A product as an admin edits it (every translation, publishAt), published or not")
    ResponseEntity<Product> get(@PathVariable String id) {
        return editable(admin.find(parse(id)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "409", description = "Another product has this SKU, or the category is gone")
    @Operation(summary = "Create a product; a future publishAt keeps it hidden until then")
    ResponseEntity<Product> create(@Valid @RequestBody ProductInput input) {
        Product product = admin.create(input);
        return ResponseEntity.created(URI.create("/v1/products/" + product.id()))
                .eTag(IfMatch.etag(product.version()))
                .cacheControl(CacheControl.noStore())
                .body(product);
    }

    @ResponseStatus(HttpStatus.OK)
    @PutMapping("/{id}")
    @ApiResponse(responseCode = "409", description = "Another product has this SKU, or the category is gone")
    @ApiResponse(responseCode = "412", description = "The If-Match tag is stale")
    @ApiResponse(responseCode = "428", description = "If-Match is required")
    @Operation(summary = "Replace a product; If-Match required (428 without, 412 when stale)")
    ResponseEntity<Product> replace(
            @PathVariable String id,
            @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
            @Valid @RequestBody ProductInput input) {
        return editable(admin.update(parse(id), IfMatch.parse(ifMatch), input));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiResponse(responseCode = "412", description = "The If-Match tag is stale")
    @ApiResponse(responseCode = "428", description = "If-Match is required")
    @Operation(summary = "Delete a product; If-Match required (428 without, 412 when stale)")
    ResponseEntity<Void> delete(
            @PathVariable String id, @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        admin.delete(parse(id), IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Product> editable(Product product) {
        return ResponseEntity.ok()
                .eTag(IfMatch.etag(product.version()))
                .cacheControl(CacheControl.noStore())
                .body(product);
    }

    /** A malformed id names no product, so it is answered like an unknown one. */
    private static UUID parse(String id) {
        return ProductIds.parse(id).orElseThrow(() -> ProblemException.notFound("Product", id));
    }
}
