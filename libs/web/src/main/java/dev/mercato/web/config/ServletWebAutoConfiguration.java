package dev.mercato.web.config;

import dev.mercato.web.requestid.RequestIdFilter;
import dev.mercato.web.servlet.DataAccessProblemHandler;
import dev.mercato.web.servlet.FirewallProblemHandler;
import dev.mercato.web.servlet.ProblemErrorController;
import dev.mercato.web.servlet.ProblemErrorReportValve;
import dev.mercato.web.servlet.QueryStringFilter;
import dev.mercato.web.servlet.RejectedRequestHandler;
import dev.mercato.web.servlet.RequestBodyLimitFilter;
import dev.mercato.web.servlet.SecurityProblemHandler;
import dev.mercato.web.servlet.ServletProblemHandler;
import dev.mercato.web.tracing.TraceparentResponseFilter;
import io.micrometer.tracing.Tracer;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;

/** Wires the servlet side of the web conventions: request ids, trace headers, body limits and problem documents. */
@AutoConfiguration(
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        afterName = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(MercatoWebProperties.class)
public class ServletWebAutoConfiguration {

    /** Before the server observation filter, so the request id is in the logging context for the whole request. */
    static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE;
    /** Just after the server observation filter ({@code HIGHEST_PRECEDENCE + 1}) has opened the span. */
    static final int TRACEPARENT_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

    /** Before anything (Spring Security's firewall, form-content filters, controllers) reads a parameter. */
    static final int QUERY_STRING_ORDER = Ordered.HIGHEST_PRECEDENCE + 4;

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(REQUEST_ID_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnBean(Tracer.class)
    FilterRegistrationBean<TraceparentResponseFilter> traceparentResponseFilter(Tracer tracer) {
        var registration = new FilterRegistrationBean<>(new TraceparentResponseFilter(tracer));
        registration.setOrder(TRACEPARENT_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(MercatoWebProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBody()));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<QueryStringFilter> queryStringFilter(MercatoWebProperties properties) {
        var registration = new FilterRegistrationBean<>(new QueryStringFilter(properties.maxQueryParameters()));
        registration.setOrder(QUERY_STRING_ORDER);
        return registration;
    }

    @Bean
    ServletProblemHandler servletProblemHandler() {
        return new ServletProblemHandler();
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * Tomcat: container-level errors as problem documents, and an encoded slash in a path passed through to routing
     * (it then matches no resource: 404) instead of being refused with a bare 400.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class Tomcat {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
            return factory -> {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    }
                });
                factory.addConnectorCustomizers(connector ->
                        connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.web.firewall.RequestRejectedHandler")
    static class Firewall {
        @Bean
        RejectedRequestHandler rejectedRequestHandler() {
            return new RejectedRequestHandler();
        }

        @Bean
        FirewallProblemHandler firewallProblemHandler() {
            return new FirewallProblemHandler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.access.AccessDeniedException")
    static class Security {
        @Bean
        SecurityProblemHandler securityProblemHandler() {
            return new SecurityProblemHandler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataAccessException.class)
    static class DataAccess {
        @Bean
        DataAccessProblemHandler dataAccessProblemHandler() {
            return new DataAccessProblemHandler();
        }
    }
}
