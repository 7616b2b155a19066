package dev.mercato.identity.user;

import dev.mercato.identity.IdentityProperties;
import dev.mercato.web.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator from configuration on first start. Nothing is created without a configured password, and
 * an existing administrator is left as it is (its password may have been changed since).
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final IdentityProperties.Admin admin;

    AdminBootstrap(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.admin = properties.admin();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (admin == null || admin.password() == null || admin.password().isBlank()) {
            log.info("No administrator password configured (MERCATO_ADMIN_PASSWORD); no administrator created");
            return;
        }
        if (accounts.exists(admin.email())) {
            return;
        }
        try {
            accounts.register(admin.email(), admin.password(), "Administrator", Role.ADMIN, AccountLocale.DEFAULT);
            log.info("Created administrator {}", admin.email());
        } catch (ProblemException refused) {
            if (refused.problem().getStatus() != 409) {
                throw new IllegalStateException(
                        "The configured administrator cannot be created: " + refused.getMessage(), refused);
            }
            log.info("Administrator {} was created by another instance", admin.email());
        }
    }
}
