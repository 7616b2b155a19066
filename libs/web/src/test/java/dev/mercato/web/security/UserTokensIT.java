package dev.mercato.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.testsupport.jwt.TestIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The user-token decoder a service gets by naming identity's JWKS, checked against a stand-in identity. */
class UserTokensIT {

    static final TestIdentity IDENTITY = TestIdentity.start();

    final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UserTokensAutoConfiguration.class))
            .withPropertyValues("mercato.auth.issuer=" + TestIdentity.ISSUER, "mercato.auth.audience=mercato");

    @AfterAll
    static void stop() {
        IDENTITY.stop();
    }

    @Test
    void aServiceThatNamesTheKeysVerifiesUserTokensWithThem() {
        contexts.withPropertyValues("mercato.auth.jwks-uri=" + IDENTITY.jwksUri())
                .run(context -> {
                    JwtDecoder decoder = context.getBean(JwtDecoder.class);

                    assertThat(decoder.decode(IDENTITY.token("customer")).getClaimAsString("token_use"))
                            .isEqualTo("user");
                    assertThatThrownBy(() -> decoder.decode(IDENTITY.rogueToken("admin")))
                            .isInstanceOf(JwtException.class);
                    assertThatThrownBy(() -> decoder.decode(IDENTITY.serviceToken("ordering", "mercato")))
                            .as("a service token is not a user token")
                            .isInstanceOf(JwtException.class);
                });
    }

    @Test
    void refusesTokensForAnotherAudience() {
        contexts.withPropertyValues("mercato.auth.jwks-uri=" + IDENTITY.jwksUri(), "mercato.auth.audience=someone-else")
                .run(context -> assertThatThrownBy(
                                () -> context.getBean(JwtDecoder.class).decode(IDENTITY.token("customer")))
                        .isInstanceOf(JwtException.class));
    }

    @Test
    void aServiceThatDoesNotNameTheKeysGetsNoDecoder() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(JwtDecoder.class));
    }

    @Test
    void aServiceWithADecoderOfItsOwnKeepsIt() {
        contexts.withPropertyValues("mercato.auth.jwks-uri=" + IDENTITY.jwksUri())
                .withUserConfiguration(OwnDecoder.class)
                .run(context -> assertThat(context.getBean(JwtDecoder.class)).isSameAs(OwnDecoder.DECODER));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDecoder {
        static final JwtDecoder DECODER = token -> {
            throw new JwtException("not this one");
        };

        @Bean
        JwtDecoder ownDecoder() {
            return DECODER;
        }
    }
}
