package dev.mercato.messaging.deadletter.web;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Refuses to start a service whose {@code @PreAuthorize} annotations are not enforced (no
 * {@code @EnableMethodSecurity}): its dead-letter endpoints would be open to anyone its filter chain lets through.
 */
public final class MethodSecurityCheck {

    private MethodSecurityCheck() {}

    /**
     * Calls an endpoint without any authentication, with arguments it rejects before touching the broker: enforced
     * method security refuses the call first; without it, the endpoint's own 400 comes back.
     */
    public static void requireEnforced(DeadLetterController controller) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            controller.peek("", "0");
        } catch (AuthenticationException | AccessDeniedException enforced) {
            return;
        } catch (RuntimeException notEnforced) {
            // the endpoint ran: nothing checked the caller's role
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        throw new IllegalStateException("The dead-letter admin API (/v1/admin/dead-letters) needs method security: add"
                + " @EnableMethodSecurity to the service's security configuration, or set"
                + " mercato.messaging.admin-api.enabled=false");
    }
}
