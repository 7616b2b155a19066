package dev.mercato.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes every service's document say what its operations really answer: the problem responses every operation can
 * give (400 for any malformed input, 429 at the edge, 503 when a store is down), 401 and the bearer scheme where the
 * security rules want a token, 403 where they want a role, 404 for an operation on an identified resource, 413 and
 * 415 for a body, each error with the problem-document schema. The container's {@code /error} is not part of the API.
 */
final class ApiDocumentCustomizer implements OpenApiCustomizer {

    static final String BEARER = "bearer";
    private static final Set<String> FRAMEWORK_PATHS = Set.of("/error");

    private final @Nullable AccessRules access;

    ApiDocumentCustomizer(@Nullable AccessRules access) {
        this.access = access;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        ProblemSchemas.addTo(api.getComponents());
        api.getComponents()
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An access token from POST /v1/auth/login"));
        if (api.getPaths() == null) {
            return;
        }
        FRAMEWORK_PATHS.forEach(api.getPaths()::remove);
        api.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation)));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = Optional.ofNullable(operation.getResponses()).orElseGet(ApiResponses::new);
        operation.setResponses(responses);
        problem(responses, "400");
        problem(responses, "429");
        problem(responses, "503");
        if (path.contains("{")) {
            problem(responses, "404");
        }
        if (operation.getRequestBody() != null) {
            problem(responses, "413");
            problem(responses, "415");
        }
        if (access != null && access.needsToken(path, method.name())) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            problem(responses, "401");
            if (access.needsRole(path, method.name())) {
                problem(responses, "403");
            }
        }
        for (Map.Entry<String, ApiResponse> response : responses.entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(ProblemSchemas.content());
                if (response.getValue().getDescription() == null
                        || response.getValue().getDescription().isBlank()) {
                    response.getValue().setDescription(ProblemResponses.describe(response.getKey()));
                }
            }
        }
    }

    private static void problem(ApiResponses responses, String status) {
        responses.putIfAbsent(status, new ApiResponse().description(ProblemResponses.describe(status)));
    }
}
