package dev.mercato.identity.token;

import dev.mercato.identity.throttle.LoginThrottle;
import dev.mercato.identity.user.Accounts;
import dev.mercato.identity.user.User;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/auth")
@Tag(name = "Sessions", description = "Log in, refresh, log out")
class TokenController {

    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;

    TokenController(Accounts accounts, AccessTokens accessTokens, RefreshTokens refreshTokens, LoginThrottle throttle) {
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
    }

    record Credentials(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password) {}

    record RefreshRequest(@NotBlank @Size(max = 100) String refreshToken) {}

    record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    /** Public. The same answer, in about the same time, for an unknown email and a wrong password. */
    @ResponseStatus(HttpStatus.OK)
    @PostMapping("/login")
    @ApiResponse(responseCode = "401", description = "Unknown e-mail or wrong password")
    @Operation(summary = "Exchange credentials for an access token and a refresh token (public)")
    Tokens login(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        String address = request.getRemoteAddr();
        throttle.check(credentials.email(), address);
        User user = accounts.authenticate(credentials.email(), credentials.password())
                .orElse(null);
        if (user == null) {
            throttle.recordFailure(credentials.email(), address);
            throw unauthorized("Email or password is incorrect");
        }
        throttle.recordSuccess(credentials.email());
        return tokens(user, refreshTokens.issueNewFamily(user.id()));
    }

    /** Public. Every refresh returns a new refresh token; presenting a used one ends the whole session. */
    @ResponseStatus(HttpStatus.OK)
    @PostMapping("/refresh")
    @ApiResponse(responseCode = "401", description = "The refresh token is unknown, expired or reused")
    @Operation(summary = "Exchange a refresh token for new tokens (public)")
    Tokens refresh(@Valid @RequestBody RefreshRequest request) {
        var rotation = refreshTokens
                .rotate(request.refreshToken())
                .orElseThrow(() -> unauthorized("The refresh token is not valid; log in again"));
        User user = accounts.find(rotation.userId()).orElseThrow(() -> unauthorized("The account no longer exists"));
        return tokens(user, rotation.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the session a refresh token belongs to (public)")
    void logout(@Valid @RequestBody RefreshRequest request) {
        refreshTokens.revokeFamilyOf(request.refreshToken());
    }

    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End every session of the caller (any role)")
    void logoutAll(@AuthenticationPrincipal Jwt caller) {
        refreshTokens.revokeAll(UUID.fromString(caller.getSubject()), "logout_all");
    }

    private Tokens tokens(User user, String refreshToken) {
        AccessTokens.Issued access = accessTokens.issue(user);
        return new Tokens(access.token(), refreshToken, "Bearer", access.expiresInSeconds());
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problems.of(ProblemType.UNAUTHORIZED, detail));
    }
}
