package dev.mercato.identity.user;

import dev.mercato.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Account lookups for other services (notifications need an email, support tools a name); service tokens only. */
@RestController
@Tag(name = "Internal", description = "For other services, with a service token addressed to identity")
class InternalAccountController {

    private final Accounts accounts;

    InternalAccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/internal/v1/users/{id}")
    @Operation(summary = "Any account by id (service token)")
    UserView byId(@PathVariable UUID id) {
        return accounts.find(id).map(UserView::of).orElseThrow(() -> ProblemException.notFound("User", id));
    }
}
