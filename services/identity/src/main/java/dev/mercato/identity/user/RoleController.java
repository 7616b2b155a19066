package dev.mercato.identity.user;

import dev.mercato.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Administrators decide who is a support agent or an administrator. */
@RestController
@Tag(name = "Roles", description = "Grant roles to accounts (admin)")
class RoleController {

    private final Accounts accounts;

    RoleController(Accounts accounts) {
        this.accounts = accounts;
    }

    record RoleGrant(@NotEmpty List<@NotNull String> roles) {}

    @PutMapping("/v1/users/{id}/roles")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Set an account's roles (admin)",
            description = "roles from customer, support, admin; they replace the account's roles and show in the next"
                    + " access token it gets (its next login or refresh), never in tokens already issued.")
    @ApiResponse(responseCode = "400", description = "No role, or one that does not exist")
    @ApiResponse(responseCode = "404", description = "No such account")
    UserView grant(@PathVariable UUID id, @Valid @RequestBody RoleGrant grant) {
        List<Role> roles = grant.roles().stream().map(RoleController::role).toList();
        return UserView.of(accounts.grantRoles(id, roles));
    }

    private static Role role(String name) {
        for (Role role : Role.values()) {
            if (role.claim().equals(name)) {
                return role;
            }
        }
        throw ProblemException.invalid(
                "roles", "must each be one of customer, support, admin; not " + name.toLowerCase(Locale.ROOT));
    }
}
