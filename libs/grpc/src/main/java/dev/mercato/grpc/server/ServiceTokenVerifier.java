package dev.mercato.grpc.server;

import dev.mercato.web.security.VerifiedTokens;
import java.time.Clock;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Decides whether a bearer token admits a gRPC call: RS256 signature by a key of identity's JWKS, issuer and expiry
 * (else {@link Verdict.Unauthenticated}), then {@code token_use} = service and {@code aud} = this service (else
 * {@link Verdict.Denied}: a genuine token, but not for this).
 */
public final class ServiceTokenVerifier {

    static final String NOT_FOR_THIS_SERVICE = "mercato_wrong_audience";
    static final String NOT_A_SERVICE_TOKEN = "mercato_not_a_service_token";
    static final String SERVICE_SUBJECT_PREFIX = "service:";
    /** Service tokens in use at once: one or two per calling service (a fresh one overlaps the old for a while). */
    private static final int REMEMBERED_TOKENS = 64;

    private final JwtDecoder decoder;

    public ServiceTokenVerifier(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * Verifies against the JWKS at the configured URI (fetched lazily, cached by Nimbus). A token is verified once and
     * remembered until it expires: a caller sends the same service token with every call.
     */
    public static ServiceTokenVerifier forJwks(GrpcAuthProperties auth, String audience) {
        return forJwks(auth, audience, new RestTemplate());
    }

    /** The same, fetching the JWKS through these operations (e.g. resolving {@code http://identity} by registry). */
    public static ServiceTokenVerifier forJwks(GrpcAuthProperties auth, String audience, RestOperations jwksClient) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(auth.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(jwksClient)
                .build();
        decoder.setJwtValidator(validator(auth, audience));
        return new ServiceTokenVerifier(new VerifiedTokens(REMEMBERED_TOKENS, Clock.systemUTC()).remembering(decoder));
    }

    public static OAuth2TokenValidator<Jwt> validator(GrpcAuthProperties auth, String audience) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(auth.clockSkew()),
                new JwtIssuerValidator(auth.issuer()),
                jwt -> "service".equals(jwt.getClaimAsString("token_use"))
                                && jwt.getSubject() != null
                                && jwt.getSubject().startsWith(SERVICE_SUBJECT_PREFIX)
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error(NOT_A_SERVICE_TOKEN, "not a service token", null)),
                jwt -> audience != null
                                && !audience.isBlank()
                                && jwt.getAudience() != null
                                && jwt.getAudience().contains(audience)
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error(NOT_FOR_THIS_SERVICE, "token is not for service " + audience, null)));
    }

    public Verdict verify(String token) {
        if (token == null || token.isBlank()) {
            return new Verdict.Unauthenticated("no bearer token");
        }
        try {
            Jwt jwt = decoder.decode(token);
            return new Verdict.Accepted(jwt.getSubject().substring(SERVICE_SUBJECT_PREFIX.length()));
        } catch (JwtValidationException e) {
            List<String> codes =
                    e.getErrors().stream().map(OAuth2Error::getErrorCode).toList();
            boolean onlyPermissionProblems = codes.stream()
                    .allMatch(code -> code.equals(NOT_FOR_THIS_SERVICE) || code.equals(NOT_A_SERVICE_TOKEN));
            return onlyPermissionProblems
                    ? new Verdict.Denied(e.getMessage())
                    : new Verdict.Unauthenticated(e.getMessage());
        } catch (BadJwtException e) {
            return new Verdict.Unauthenticated(e.getMessage());
        } catch (JwtException e) {
            // the JWKS could not be fetched: our problem, not the caller's
            return new Verdict.Unverifiable(e.getMessage());
        }
    }

    public sealed interface Verdict {
        record Accepted(String caller) implements Verdict {}

        record Unauthenticated(String reason) implements Verdict {}

        record Denied(String reason) implements Verdict {}

        record Unverifiable(String reason) implements Verdict {}
    }
}
