package dev.mercato.identity.service;

import dev.mercato.identity.token.AccessTokens;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issues service tokens for calls between services: a client authenticates with its secret and gets a token for one
 * target service ({@code aud}), valid for minutes. Not routed by the gateway; reachable only inside the network.
 */
@RestController
@Tag(name = "Service tokens", description = "Credentials for service-to-service calls (internal)")
class ServiceTokenController {

    private final ServiceClients clients;
    private final AccessTokens tokens;

    ServiceTokenController(ServiceClients clients, AccessTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    record Request(
            @NotBlank @Size(max = 64) String clientId,
            @NotBlank @Size(max = 256) String clientSecret,
            @NotBlank @Size(max = 64) String audience) {}

    record Issued(String accessToken, String tokenType, long expiresIn) {}

    @PostMapping("/internal/v1/service-tokens")
    @Operation(summary = "A short-lived token for calling one service (service clients only)")
    Issued issue(@Valid @RequestBody Request request) {
        ServiceClients.Client client = clients.authenticate(request.clientId(), request.clientSecret())
                .orElseThrow(() ->
                        new ProblemException(Problems.of(ProblemType.UNAUTHORIZED, "Unknown client or wrong secret")));
        if (!client.audiences().contains(request.audience())) {
            throw new ProblemException(Problems.of(
                    ProblemType.FORBIDDEN, "Client " + request.clientId() + " may not call " + request.audience()));
        }
        AccessTokens.Issued issued = tokens.issueForService(request.clientId(), request.audience());
        return new Issued(issued.token(), "Bearer", issued.expiresInSeconds());
    }
}
