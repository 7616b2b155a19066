package dev.mercato.jobs.web;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Refuses to start a service whose {@code @PreAuthorize} annotations are not enforced (no {@code
 * @EnableMethodSecurity}): its jobs endpoint would be open to anyone its filter chain lets through.
 */
public final class MethodSecurityCheck {

    private MethodSecurityCheck() {}

    /** Calls the endpoint unauthenticated with a value it refuses before reading anything: enforced security refuses first. */
    public static void requireEnforced(JobsController controller) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            controller.list("0");
        } catch (AuthenticationException | AccessDeniedException enforced) {
            return;
        } catch (RuntimeException notEnforced) {
            // the endpoint ran: nothing checked the caller's role
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        throw new IllegalStateException("The jobs admin API (/v1/admin/jobs) needs method security: add"
                + " @EnableMethodSecurity to the service's security configuration, or set"
                + " mercato.jobs.admin-api.enabled=false");
    }
}
