package dev.mercato.catalog.category;

import dev.mercato.catalog.concurrency.IfMatch;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's category use cases. Each runs in one transaction and tells {@link CategoryChanges} inside it, so a change
 * and its record commit or roll back together.
 */
@Service
class CategoryAdmin {

    private final CategoryAdminRepository categories;
    private final CategoryChanges changes;

    CategoryAdmin(CategoryAdminRepository categories, CategoryChanges changes) {
        this.categories = categories;
        this.changes = changes;
    }

    @Transactional(readOnly = true)
    Category find(UUID id) {
        return categories.find(id).orElseThrow(() -> ProblemException.notFound("Category", id));
    }

    @Transactional
    Category create(CategoryInput input) {
        Category created = categories.insert(UUID.randomUUID(), input).orElseThrow(() -> slugTaken(input.slug()));
        changes.created(created);
        return created;
    }

    @Transactional
    Category update(UUID id, IfMatch ifMatch, CategoryInput input) {
        String slugBefore = categories.lockSlug(id).orElseThrow(() -> ProblemException.notFound("Category", id));
        Category updated;
        try {
            updated = categories.update(id, ifMatch, input).orElseThrow(() -> IfMatch.stale("Category", id));
        } catch (DuplicateKeyException taken) {
            throw slugTaken(input.slug());
        }
        if (!slugBefore.equals(updated.slug())) {
            categories.touchProducts(id);
        }
        changes.updated(updated);
        return updated;
    }

    @Transactional
    void delete(UUID id, IfMatch ifMatch) {
        Category deleted;
        try {
            deleted = categories.deleteIfEmpty(id, ifMatch).orElseThrow(() -> notDeleted(id, ifMatch));
        } catch (DataIntegrityViolationException productAddedMeanwhile) {
            throw new ProblemException(Problems.of(
                    ProblemType.CONFLICT,
                    "Category " + id + " received a product while it was being deleted; move or delete its products"
                            + " first"));
        }
        changes.deleted(deleted);
    }

    private ProblemException notDeleted(UUID id, IfMatch ifMatch) {
        var found = categories.occupancy(id).orElseThrow(() -> ProblemException.notFound("Category", id));
        if (!ifMatch.matches(found.version()) || found.products() == 0) {
            return IfMatch.stale("Category", id);
        }
        return new ProblemException(Problems.of(
                ProblemType.CONFLICT,
                "Category " + found.slug() + " still has " + found.products()
                        + (found.products() == 1 ? " product" : " products")
                        + " (published or scheduled); move or delete them before deleting the"
                        + " category"));
    }

    private static ProblemException slugTaken(String slug) {
        return new ProblemException(Problems.of(
                ProblemType.CONFLICT, "Another category already has the slug " + slug + "; slugs are unique"));
    }
}
