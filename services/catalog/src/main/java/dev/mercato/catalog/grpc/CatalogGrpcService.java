package dev.mercato.catalog.grpc;

import dev.mercato.catalog.i18n.LanguageProperties;
import dev.mercato.catalog.i18n.Languages;
import dev.mercato.contracts.catalog.v1.CatalogServiceGrpc;
import dev.mercato.contracts.catalog.v1.GetProductsRequest;
import dev.mercato.contracts.catalog.v1.GetProductsResponse;
import dev.mercato.contracts.catalog.v1.Product;
import dev.mercato.contracts.common.v1.Money;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.grpc.server.service.GrpcService;

/**
 * {@code mercato.catalog.v1.CatalogService}: current products by id for other services (cart prices its lines with
 * it). Authentication (service tokens for audience {@code catalog}) and the mapping of exceptions to statuses come
 * from libs/grpc: a malformed request is an {@link IllegalArgumentException} (INVALID_ARGUMENT), an unreachable
 * database UNAVAILABLE.
 */
@GrpcService
class CatalogGrpcService extends CatalogServiceGrpc.CatalogServiceImplBase {

    private final ProductLookupRepository products;
    private final Languages languages;
    private final String defaultLanguage;

    CatalogGrpcService(ProductLookupRepository products, Languages languages, LanguageProperties properties) {
        this.products = products;
        this.languages = languages;
        this.defaultLanguage = properties.defaultLanguage();
    }

    @Override
    public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> response) {
        Set<UUID> ids = ProductIdsRequest.parse(request.getProductIdsList());
        String language = languages.pick(request.getLanguage());
        List<LookedUpProduct> found = products.find(ids, language, defaultLanguage);
        GetProductsResponse.Builder answer = GetProductsResponse.newBuilder();
        found.forEach(product -> answer.addProducts(message(product)));
        response.onNext(answer.build());
        response.onCompleted();
    }

    private static Product message(LookedUpProduct product) {
        return Product.newBuilder()
                .setId(product.id().toString())
                .setSku(product.sku())
                .setName(product.name())
                .setPrice(Money.newBuilder().setMinor(product.priceMinor()).setCurrency(product.currency()))
                .setPublished(product.published())
                .build();
    }
}
