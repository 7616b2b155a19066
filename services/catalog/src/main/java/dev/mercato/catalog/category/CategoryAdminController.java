package dev.mercato.catalog.category;

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

/** Creates, replaces and deletes categories. Replacing and deleting need {@code If-Match} with the ETag last read. */
@RestController
@RequestMapping("/v1/categories")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Categories (admin)", description = "Create, replace and delete categories (admin role)")
class CategoryAdminController {

    private final CategoryAdmin admin;

    CategoryAdminController(CategoryAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/{id}/admin")
    @Operation(summary = "A category as an admin edits it (every translation, version)")
    ResponseEntity<Category> get(@PathVariable String id) {
        return editable(admin.find(parse(id)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "409", description = "Another category has this slug")
    @Operation(summary = "Create a category")
    ResponseEntity<Category> create(@Valid @RequestBody CategoryInput input) {
        Category category = admin.create(input);
        return ResponseEntity.created(URI.create("/v1/categories/" + category.id()))
                .eTag(IfMatch.etag(category.version()))
                .cacheControl(CacheControl.noStore())
                .body(category);
    }

    @ResponseStatus(HttpStatus.OK)
    @PutMapping("/{id}")
    @ApiResponse(responseCode = "409", description = "Another category has this slug")
    @ApiResponse(responseCode = "412", description = "The If-Match tag is stale")
    @ApiResponse(responseCode = "428", description = "If-Match is required")
    @Operation(summary = "Replace a category; If-Match required (428 without, 412 when stale)")
    ResponseEntity<Category> replace(
            @PathVariable String id,
            @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
            @Valid @RequestBody CategoryInput input) {
        return editable(admin.update(parse(id), IfMatch.parse(ifMatch), input));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiResponse(responseCode = "409", description = "The category still holds products")
    @ApiResponse(responseCode = "412", description = "The If-Match tag is stale")
    @ApiResponse(responseCode = "428", description = "If-Match is required")
    @Operation(summary = "Delete a category that holds no products; If-Match required")
    ResponseEntity<Void> delete(
            @PathVariable String id, @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        admin.delete(parse(id), IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Category> editable(Category category) {
        return ResponseEntity.ok()
                .eTag(IfMatch.etag(category.version()))
                .cacheControl(CacheControl.noStore())
                .body(category);
    }

    /** A malformed id names no category, so it is answered like an unknown one. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.notFound("Category", id);
        }
    }
}
