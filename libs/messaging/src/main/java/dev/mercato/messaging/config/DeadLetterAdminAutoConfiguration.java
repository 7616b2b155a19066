package dev.mercato.messaging.config;

import dev.mercato.messaging.deadletter.DeadLetters;
import dev.mercato.messaging.deadletter.web.DeadLetterController;
import dev.mercato.messaging.deadletter.web.MethodSecurityCheck;
import dev.mercato.messaging.topology.Topologies;
import dev.mercato.web.problem.ProblemException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter admin API ({@code /v1/admin/dead-letters}) in a servlet service that uses the library and has
 * Spring Security. {@code mercato.messaging.admin-api.enabled=false} leaves it out.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, PreAuthorize.class, ProblemException.class})
@ConditionalOnBean(DeadLetters.class)
@ConditionalOnBooleanProperty(name = "mercato.messaging.admin-api.enabled", matchIfMissing = true)
public class DeadLetterAdminAutoConfiguration {

    @Bean
    DeadLetterController mercatoDeadLetterController(
            DeadLetters deadLetters, Topologies topologies, ObjectProvider<JsonMapper> json) {
        return new DeadLetterController(
                deadLetters,
                topologies,
                json.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    static SmartInitializingSingleton mercatoDeadLetterAccessCheck(ObjectProvider<DeadLetterController> controller) {
        return () -> MethodSecurityCheck.requireEnforced(controller.getObject());
    }
}
