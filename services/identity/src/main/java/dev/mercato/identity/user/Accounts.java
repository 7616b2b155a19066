package dev.mercato.identity.user;

import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration, credential checks and password changes. */
@Service
public class Accounts {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final AccountEvents published;
    /** Verified against when the email is unknown, so both failures cost the same time. */
    private final String decoyHash;

    Accounts(
            UserRepository users,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            AccountEvents published) {
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.published = published;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** Creates the account and, in the same transaction, {@code user.registered} for the services that write to it. */
    @Transactional
    public User register(String email, String password, String name, Role role, String locale) {
        String normalized = EmailAddress.validated(email);
        PasswordPolicy.check("password", password, normalized);
        User user = new User(
                UUID.randomUUID(), normalized, name.strip(), passwords.encode(password), List.of(role.claim()), locale);
        if (!users.insert(user)) {
            throw new ProblemException(Problems.of(ProblemType.CONFLICT, "An account with this email already exists"));
        }
        published.registered(user);
        return user;
    }

    /** The user these credentials belong to; empty for an unknown email and a wrong password alike. */
    public Optional<User> authenticate(String email, String password) {
        Optional<User> user = users.byEmail(EmailAddress.normalize(email));
        String hash = user.map(User::passwordHash).orElse(decoyHash);
        boolean matches = password != null && passwords.matches(password, hash);
        return matches ? user : Optional.empty();
    }

    public Optional<User> find(UUID id) {
        return users.byId(id);
    }

    public boolean exists(String email) {
        return users.byEmail(EmailAddress.normalize(email)).isPresent();
    }

    /**
     * Replaces the account's roles. Tokens already issued keep the roles they carry: the change shows in the next
     * access token the user gets.
     */
    @Transactional
    public User grantRoles(UUID userId, List<Role> roles) {
        List<String> claims =
                roles.stream().distinct().sorted().map(Role::claim).toList();
        if (!users.updateRoles(userId, claims)) {
            throw ProblemException.notFound("User", userId);
        }
        return users.byId(userId).orElseThrow(() -> ProblemException.notFound("User", userId));
    }

    /** Changes the password after checking the current one; every session of the user ends with it. */
    @Transactional
    public void changePassword(UUID userId, String currentPassword, String newPassword) {
        User user = users.byId(userId).orElseThrow(() -> ProblemException.notFound("User", userId));
        if (currentPassword == null || !passwords.matches(currentPassword, user.passwordHash())) {
            throw ProblemException.invalid("currentPassword", "is not your current password");
        }
        PasswordPolicy.check("newPassword", newPassword, user.email());
        users.updatePasswordHash(userId, passwords.encode(newPassword));
        events.publishEvent(new PasswordChanged(userId));
    }
}
