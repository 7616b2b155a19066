package dev.mercato.identity.user;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsALongPassphrase() {
        assertThatCode(() -> PasswordPolicy.check("password", "correct horse battery", "ada@example.com"))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsShortPasswordsCountingCharactersNotBytes() {
        assertThatThrownBy(() -> PasswordPolicy.check("password", "short", "ada@example.com"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("password");
        assertThatCode(() -> PasswordPolicy.check("password", "ééééééééééé", "ada@example.com"))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsOverlongPasswords() {
        assertThatThrownBy(() -> PasswordPolicy.check("password", "x".repeat(129), "ada@example.com"))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void rejectsPasswordsBuiltFromTheEmail() {
        assertThatThrownBy(() -> PasswordPolicy.check("newPassword", "Lovelace2026!", "lovelace@example.com"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("newPassword");
    }
}
