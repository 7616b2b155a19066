package dev.mercato.identity.user;

import dev.mercato.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts", description = "Register and manage your own account")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    record Registration(
            @NotBlank @Size(max = 254) String email,
            @NotNull String password,
            @NotBlank @Size(max = 100) String name,
            @Nullable String locale) {}

    record PasswordChange(
            @NotNull String currentPassword, @NotNull String newPassword) {}

    @PostMapping("/v1/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "400", description = "Invalid fields, among them a locale other than en or it")
    @ApiResponse(responseCode = "409", description = "An account with this e-mail exists")
    @Operation(
            summary = "Create a customer account (public)",
            description = "The account's locale (en, it: the language of its mails) is the body's locale, else the"
                    + " best supported match of Accept-Language, else en.")
    ResponseEntity<UserView> register(
            @Valid @RequestBody Registration registration,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        String locale = AccountLocale.choose(registration.locale(), acceptLanguage);
        User user = accounts.register(
                registration.email(), registration.password(), registration.name(), Role.CUSTOMER, locale);
        return ResponseEntity.created(URI.create("/v1/users/me")).body(UserView.of(user));
    }

    @GetMapping("/v1/users/me")
    @Operation(summary = "The caller's account (any role)")
    UserView me(@AuthenticationPrincipal Jwt caller) {
        UUID id = UUID.fromString(caller.getSubject());
        return accounts.find(id).map(UserView::of).orElseThrow(() -> ProblemException.notFound("User", id));
    }

    /** Support and administrators look accounts up; customers only ever see their own ({@code /v1/users/me}). */
    @GetMapping("/v1/users/{id}")
    @PreAuthorize("hasAnyRole('SUPPORT', 'ADMIN')")
    @Operation(summary = "Any account by id (support, admin)")
    UserView byId(@PathVariable UUID id) {
        return accounts.find(id).map(UserView::of).orElseThrow(() -> ProblemException.notFound("User", id));
    }

    /** Changing the password ends every session, including the caller's other devices. */
    @PostMapping("/v1/users/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the caller's password and end all their sessions (any role)")
    void changePassword(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody PasswordChange change) {
        UUID id = UUID.fromString(caller.getSubject());
        accounts.changePassword(id, change.currentPassword(), change.newPassword());
    }
}
