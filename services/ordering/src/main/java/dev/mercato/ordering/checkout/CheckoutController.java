package dev.mercato.ordering.checkout;

import dev.mercato.ordering.domain.UserId;
import dev.mercato.ordering.idempotency.IdempotencyKey;
import dev.mercato.web.problem.FieldError;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CheckoutController {

    private final Checkouts checkouts;

    CheckoutController(Checkouts checkouts) {
        this.checkouts = checkouts;
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is in progress")
    @ApiResponse(
            responseCode = "422",
            description = "The cart is empty, a product cannot be bought, or the key was used for another request")
    @ApiResponse(responseCode = "428", description = "Idempotency-Key is required")
    @PostMapping(
            path = "/v1/checkout",
            produces = {"application/json", "application/problem+json"})
    ResponseEntity<byte[]> checkout(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String key,
            @RequestBody CheckoutRequest request) {
        IdempotencyKey idempotencyKey = IdempotencyKey.of(key);
        List<FieldError> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(Problems.invalid(problems));
        }
        return checkouts.checkout(user(token), idempotencyKey, request);
    }

    static UserId user(Jwt token) {
        try {
            return new UserId(UUID.fromString(token.getSubject()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("token", "subject is not a user id");
        }
    }
}
