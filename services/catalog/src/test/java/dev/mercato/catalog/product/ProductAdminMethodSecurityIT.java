package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.catalog.AdminApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The admin role holds on the endpoints themselves, not only in the URL rules of the filter chain. */
class ProductAdminMethodSecurityIT extends AdminApiTest {

    @Autowired
    ProductAdminController controller;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void refusesACustomerEvenPastTheFilterChain() {
        SecurityContextHolder.getContext()
                .setAuthentication(new TestingAuthenticationToken("customer", "n/a", "ROLE_CUSTOMER"));

        assertThatThrownBy(() -> controller.create(ProductInputs.valid())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.delete(UUID.randomUUID().toString(), "*"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.get(UUID.randomUUID().toString()))
                .isInstanceOf(AccessDeniedException.class);
    }

    /** The smallest valid input, for calls that never get as far as using it. */
    static final class ProductInputs {
        static ProductInput valid() {
            return new ProductInput(
                    "T-METHOD-1",
                    "books",
                    Map.of("en", "Method"),
                    null,
                    new ProductInput.Price("1.00", "EUR"),
                    null,
                    null,
                    null);
        }
    }
}
