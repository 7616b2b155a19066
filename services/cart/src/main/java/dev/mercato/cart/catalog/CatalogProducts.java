package dev.mercato.cart.catalog;

import dev.mercato.cart.money.Money;
import dev.mercato.contracts.catalog.v1.CatalogServiceGrpc;
import dev.mercato.contracts.catalog.v1.GetProductsRequest;
import dev.mercato.contracts.catalog.v1.Product;
import dev.mercato.grpc.client.GrpcTargets;
import io.grpc.StatusRuntimeException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads products from catalog over gRPC ({@code mercato.catalog.v1.CatalogService}); the channel from libs/grpc adds
 * the service token, the deadline, retries of UNAVAILABLE and the circuit breaker {@code grpc-catalog}.
 */
@Component
public class CatalogProducts {

    private static final Logger log = LoggerFactory.getLogger(CatalogProducts.class);

    private final CatalogServiceGrpc.CatalogServiceBlockingStub catalog;

    CatalogProducts(GrpcTargets targets) {
        this.catalog = CatalogServiceGrpc.newBlockingStub(targets.channel("catalog"));
    }

    /**
     * The products catalog knows among {@code ids} (at most 100), keyed by id; unknown and deleted ones are absent.
     *
     * @param language an {@code Accept-Language} value or a language tag; null or empty: catalog's default
     * @throws CatalogUnavailableException whatever went wrong with the call
     */
    public Map<UUID, CatalogProduct> find(Collection<UUID> ids, String language) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        GetProductsRequest.Builder request =
                GetProductsRequest.newBuilder().setLanguage(language == null ? "" : language);
        ids.forEach(id -> request.addProductIds(id.toString()));
        try {
            Map<UUID, CatalogProduct> found = new HashMap<>();
            for (Product product : catalog.getProducts(request.build()).getProductsList()) {
                CatalogProduct converted = convert(product);
                found.put(converted.id(), converted);
            }
            return found;
        } catch (StatusRuntimeException e) {
            log.warn("Catalog lookup failed: {}", e.getStatus());
            throw new CatalogUnavailableException();
        }
    }

    private static CatalogProduct convert(Product product) {
        return new CatalogProduct(
                UUID.fromString(product.getId()),
                product.getSku(),
                product.getName(),
                new Money(product.getPrice().getMinor(), product.getPrice().getCurrency()),
                product.getPublished());
    }
}
