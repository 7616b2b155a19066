package dev.mercato.web.openapi;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Asks the service's own URL rules (the {@link AuthorizationFilter} of its security filter chain) which operations
 * need a token and which a role, so the document can never disagree with the chain. Spring's
 * {@code WebInvocationPrivilegeEvaluator} cannot be used: its stand-in request fails on the dispatcher-type matchers
 * every service declares.
 */
final class AccessRules {

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken(
            "openapi", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    private static final Authentication USER_WITHOUT_ROLES =
            UsernamePasswordAuthenticationToken.authenticated("user", null, List.of());

    /** Spring MVC's DispatcherServlet, mapped to {@code /} as in every service. */
    private static final HttpServletMapping DISPATCHER_SERVLET = new HttpServletMapping() {
        @Override
        public String getMatchValue() {
            return "";
        }

        @Override
        public String getPattern() {
            return "/";
        }

        @Override
        public String getServletName() {
            return "dispatcherServlet";
        }

        @Override
        public MappingMatch getMappingMatch() {
            return MappingMatch.DEFAULT;
        }
    };

    private final Supplier<List<SecurityFilterChain>> chains;

    AccessRules(Supplier<List<SecurityFilterChain>> chains) {
        this.chains = chains;
    }

    boolean needsToken(String pathTemplate, String method) {
        return !allowed(pathTemplate, method, ANONYMOUS);
    }

    boolean needsRole(String pathTemplate, String method) {
        return !allowed(pathTemplate, method, USER_WITHOUT_ROLES);
    }

    private boolean allowed(String pathTemplate, String method, Authentication who) {
        HttpServletRequest request = request(method, pathTemplate.replaceAll("\\{[^}]*}", "x"));
        for (SecurityFilterChain chain : chains.get()) {
            if (!chain.matches(request)) {
                continue;
            }
            for (Filter filter : chain.getFilters()) {
                if (filter instanceof AuthorizationFilter authorization) {
                    AuthorizationResult result =
                            authorization.getAuthorizationManager().authorize(() -> who, request);
                    return result == null || result.isGranted();
                }
            }
            return true;
        }
        return true;
    }

    /** Just enough of a request for request matchers: method, path, dispatcher type and attributes. */
    private static HttpServletRequest request(String method, String path) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(
                AccessRules.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                    return switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI", "getServletPath" -> path;
                        case "getContextPath" -> "";
                        case "getRequestURL" -> new StringBuffer("http://localhost" + path);
                        case "getDispatcherType" -> DispatcherType.REQUEST;
                        case "getHttpServletMapping" -> DISPATCHER_SERVLET;
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
                        case "getHeaders", "getHeaderNames", "getParameterNames", "getLocales" ->
                            Collections.emptyEnumeration();
                        case "getParameterMap" -> Map.of();
                        case "isSecure", "isAsyncStarted", "isAsyncSupported" -> false;
                        case "getServerPort", "getLocalPort", "getRemotePort", "getContentLength" -> 0;
                        case "getContentLengthLong" -> 0L;
                        case "getDateHeader" -> -1L;
                        case "getIntHeader" -> -1;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> method + " " + path;
                        default -> null;
                    };
                });
    }
}
