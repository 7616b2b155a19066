package dev.mercato.e2e.fuzz;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Reads a service's OpenAPI document (as the gateway serves it to Swagger UI) into the operations to fuzz. */
public final class ApiDocuments {

    private ApiDocuments() {}

    public static OpenAPI parse(String json) {
        var options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        var result = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(json, null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("not an OpenAPI document: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    public static List<ApiOperation> operations(String service, OpenAPI api, Predicate<String> routed) {
        List<ApiOperation> operations = new ArrayList<>();
        api.getPaths().forEach((path, item) -> {
            if (!routed.test(path)) {
                return;
            }
            item.readOperationsMap()
                    .forEach((method, operation) -> operations.add(of(service, path, method, operation)));
        });
        return operations;
    }

    private static ApiOperation of(String service, String path, PathItem.HttpMethod method, Operation operation) {
        Schema<?> body = Optional.ofNullable(operation.getRequestBody())
                .map(b -> b.getContent())
                .map(content -> content.get("application/json"))
                .map(media -> (Schema<?>) media.getSchema())
                .orElse(null);
        return new ApiOperation(
                service,
                method.name(),
                path,
                Optional.ofNullable(operation.getParameters()).orElse(List.of()),
                body,
                operation.getSecurity() != null && !operation.getSecurity().isEmpty(),
                new TreeSet<>(operation.getResponses().keySet()));
    }
}
