package dev.mercato.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.grpc.server.ServiceTokenVerifier.Verdict;
import dev.mercato.testsupport.jwt.TestIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ServiceTokenVerifierTest {

    static final TestIdentity identity = TestIdentity.start();
    static final ServiceTokenVerifier verifier = ServiceTokenVerifier.forJwks(
            new GrpcAuthProperties(identity.jwksUri(), TestIdentity.ISSUER, Duration.ofSeconds(5)), "payment");

    @AfterAll
    static void stop() {
        identity.stop();
    }

    @Test
    void acceptsAServiceTokenForThisServiceAndNamesTheCaller() {
        assertThat(verifier.verify(identity.serviceToken("ordering", "payment")))
                .isEqualTo(new Verdict.Accepted("ordering"));
    }

    @Test
    void refusesMissingForgedExpiredAndForeignIssuerTokensAsUnauthenticated() {
        assertThat(verifier.verify(null)).isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(verifier.verify("not-a-jwt")).isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(verifier.verify(
                        identity.signWithRogueKey(identity.serviceClaims("ordering", "payment", Duration.ofMinutes(5))
                                .build())))
                .as("signed by an unknown key")
                .isInstanceOf(Verdict.Unauthenticated.class);
        Instant past = Instant.now().minus(Duration.ofHours(1));
        assertThat(verifier.verify(identity.sign(identity.serviceClaims("ordering", "payment", Duration.ofMinutes(5))
                        .issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past))
                        .expirationTime(Date.from(past.plusSeconds(300)))
                        .build())))
                .as("expired")
                .isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(verifier.verify(identity.sign(identity.serviceClaims("ordering", "payment", Duration.ofMinutes(5))
                        .issuer("someone-else")
                        .build())))
                .as("foreign issuer")
                .isInstanceOf(Verdict.Unauthenticated.class);
    }

    @Test
    void expiredAndForAnotherAudienceIsStillUnauthenticated() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        assertThat(verifier.verify(identity.sign(identity.serviceClaims("ordering", "inventory", Duration.ofMinutes(5))
                        .expirationTime(Date.from(past))
                        .build())))
                .isInstanceOf(Verdict.Unauthenticated.class);
    }

    @Test
    void deniesGenuineTokensThatAreNotServiceTokensForThisService() {
        assertThat(verifier.verify(identity.serviceToken("ordering", "inventory")))
                .as("another audience")
                .isInstanceOf(Verdict.Denied.class);
        assertThat(verifier.verify(identity.token("ADMIN")))
                .as("a user's token")
                .isInstanceOf(Verdict.Denied.class);
        assertThat(verifier.verify(identity.sign(identity.serviceClaims("ordering", "payment", Duration.ofMinutes(5))
                        .claim("token_use", "user")
                        .build())))
                .as("token_use user")
                .isInstanceOf(Verdict.Denied.class);
    }

    @Test
    void anUnreachableJwksIsNotTheCallersFault() {
        var blind = ServiceTokenVerifier.forJwks(
                new GrpcAuthProperties("http://127.0.0.1:1/.well-known/jwks.json", TestIdentity.ISSUER, Duration.ZERO),
                "payment");

        assertThat(blind.verify(identity.serviceToken("ordering", "payment"))).isInstanceOf(Verdict.Unverifiable.class);
    }
}
