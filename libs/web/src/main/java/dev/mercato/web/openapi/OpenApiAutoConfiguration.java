package dev.mercato.web.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;

/** Shared description of every servlet service's API document (see {@link ApiDocumentCustomizer}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityFilterChain.class)
    static class Secured {

        /** The chains are read when the document is first asked for, after the context is built. */
        @Bean
        OpenApiCustomizer mercatoApiDocument(ObjectProvider<SecurityFilterChain> chains) {
            return new ApiDocumentCustomizer(
                    new AccessRules(() -> chains.orderedStream().toList()));
        }

        @Bean
        OperationCustomizer mercatoPreAuthorizedOperations() {
            return new PreAuthorizedOperations();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.web.SecurityFilterChain")
    static class Open {

        @Bean
        OpenApiCustomizer mercatoApiDocument() {
            return new ApiDocumentCustomizer(null);
        }
    }
}
