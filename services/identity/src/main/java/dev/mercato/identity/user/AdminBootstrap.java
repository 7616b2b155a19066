package dev.mercato.identity.user;

import dev.mercato.identity.IdentityProperties;
import dev.mercato.web.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator (and, for local runs, a support agent) from configuration on first start. Nothing is
 * created without a configured password, and an existing account is left as it is (its password may have been changed
 * since).
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final IdentityProperties.@Nullable Admin admin;
    private final IdentityProperties.@Nullable Admin support;

    AdminBootstrap(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.admin = properties.admin();
        this.support = properties.support();
    }

    @Override
    public void run(ApplicationArguments args) {
        create(admin, "Administrator", Role.ADMIN, "MERCATO_ADMIN_PASSWORD");
        create(support, "Support", Role.SUPPORT, "MERCATO_SUPPORT_PASSWORD");
    }

    private void create(IdentityProperties.@Nullable Admin account, String name, Role role, String variable) {
        if (account == null || account.password() == null || account.password().isBlank()) {
            log.info("No {} password configured ({}); no {} account created", role.claim(), variable, role.claim());
            return;
        }
        if (accounts.exists(account.email())) {
            return;
        }
        try {
            accounts.register(account.email(), account.password(), name, role, AccountLocale.DEFAULT);
            log.info("Created {} account {}", role.claim(), account.email());
        } catch (ProblemException refused) {
            if (refused.problem().getStatus() != 409) {
                throw new IllegalStateException(
                        "The configured " + role.claim() + " account cannot be created: " + refused.getMessage(),
                        refused);
            }
            log.info("The {} account {} was created by another instance", role.claim(), account.email());
        }
    }
}
