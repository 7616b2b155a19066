package dev.mercato.web.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/** An operation guarded by {@code @PreAuthorize} (on the method or its controller) can answer 403. */
final class PreAuthorizedOperations implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean guarded = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
        if (guarded) {
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            operation
                    .getResponses()
                    .putIfAbsent("403", new ApiResponse().description(ProblemResponses.describe("403")));
        }
        return operation;
    }
}
