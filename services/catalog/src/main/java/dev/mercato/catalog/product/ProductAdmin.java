package dev.mercato.catalog.product;

import dev.mercato.catalog.concurrency.IfMatch;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's product use cases. Each runs in one transaction and tells {@link ProductChanges} inside it, so a change
 * and its record commit or roll back together.
 */
@Service
class ProductAdmin {

    private final ProductAdminRepository products;
    private final ProductChanges changes;
    private final PublishSchedule schedule;

    ProductAdmin(ProductAdminRepository products, ProductChanges changes, PublishSchedule schedule) {
        this.products = products;
        this.changes = changes;
        this.schedule = schedule;
    }

    @Transactional(readOnly = true)
    Product find(UUID id) {
        return products.find(id).orElseThrow(() -> ProblemException.notFound("Product", id));
    }

    @Transactional
    Product create(ProductInput input) {
        UUID categoryId = categoryOf(input);
        Product created;
        try {
            created = products.insert(UUID.randomUUID(), input, categoryId, visibleNow(input))
                    .orElseThrow(() -> skuTaken(input.sku()));
        } catch (DataIntegrityViolationException categoryDeletedMeanwhile) {
            throw categoryGone(input.category());
        }
        changes.created(created);
        scheduleIfWaiting(created);
        return created;
    }

    @Transactional
    Product update(UUID id, IfMatch ifMatch, ProductInput input) {
        UUID categoryId = categoryOf(input);
        Product updated;
        try {
            updated = products.update(id, ifMatch, input, categoryId, visibleNow(input))
                    .orElseThrow(() -> notChanged(id));
        } catch (DuplicateKeyException taken) {
            throw skuTaken(input.sku());
        } catch (DataIntegrityViolationException categoryDeletedMeanwhile) {
            throw categoryGone(input.category());
        }
        changes.updated(updated);
        scheduleIfWaiting(updated);
        return updated;
    }

    @Transactional
    void delete(UUID id, IfMatch ifMatch) {
        Product deleted = products.delete(id, ifMatch).orElseThrow(() -> notChanged(id));
        changes.deleted(deleted);
    }

    /** A product without a publishing time, or with one that has passed, is visible as soon as the write commits. */
    private static boolean visibleNow(ProductInput input) {
        return input.publishAt() == null || !input.publishAt().isAfter(Instant.now());
    }

    /**
     * Every write that leaves a product waiting sends a message for its time, also when the time did not change:
     * messages for an outdated time are dropped by the consumer, and two for the same time publish once.
     */
    private void scheduleIfWaiting(Product product) {
        if (!product.published()) {
            schedule.schedule(product);
        }
    }

    private UUID categoryOf(ProductInput input) {
        return products.categoryId(input.category())
                .orElseThrow(() -> ProblemException.invalid("category", "no category has this slug"));
    }

    /** Nothing was written: either there is no such product, or its version is not the one the client read. */
    private ProblemException notChanged(UUID id) {
        return products.exists(id) ? IfMatch.stale("Product", id) : ProblemException.notFound("Product", id);
    }

    private static ProblemException skuTaken(String sku) {
        return new ProblemException(
                Problems.of(ProblemType.CONFLICT, "Another product already has the SKU " + sku + "; SKUs are unique"));
    }

    private static ProblemException categoryGone(String slug) {
        return new ProblemException(Problems.of(
                ProblemType.CONFLICT, "Category " + slug + " was deleted while the product was being saved"));
    }
}
