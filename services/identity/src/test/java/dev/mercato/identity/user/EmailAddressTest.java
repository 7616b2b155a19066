package dev.mercato.identity.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.web.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ada@Example.COM", "  ada@example.com ", "ADA@EXAMPLE.COM"})
    void normalizesToOneForm(String email) {
        assertThat(EmailAddress.validated(email)).isEqualTo("ada@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "a@b@example.com"})
    void rejectsWhatIsNotAnEmail(String email) {
        assertThatThrownBy(() -> EmailAddress.validated(email))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("email");
    }
}
