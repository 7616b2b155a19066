package dev.mercato.e2e.fuzz;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One operation of a service's OpenAPI document, with what the suite needs to attack it and to judge the answer. */
public record ApiOperation(
        String service,
        String method,
        String path,
        List<Parameter> parameters,
        @Nullable Schema<?> body,
        boolean secured,
        Set<String> statuses) {

    public String name() {
        return method + " " + path;
    }

    public boolean writes() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    public boolean lists(int status) {
        return statuses.contains(String.valueOf(status)) || statuses.contains(status / 100 + "XX");
    }
}
