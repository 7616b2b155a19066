package dev.mercato.messaging.deadletter.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.messaging.deadletter.DeadLetters;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import dev.mercato.messaging.topology.Topologies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import tools.jackson.databind.json.JsonMapper;

class MethodSecurityCheckTest {

    // never connects: the check is refused before any broker call
    final CachingConnectionFactory connections = connections();
    final DeadLetterController controller = new DeadLetterController(
            new DeadLetters(
                    connections, new ConfirmedPublisher(connections), new Topologies(List.of()), Duration.ofSeconds(1)),
            new Topologies(List.of()),
            JsonMapper.builder().build());

    private static CachingConnectionFactory connections() {
        var connections = new CachingConnectionFactory("localhost", 1);
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        return connections;
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    @Test
    void refusesToStartWhenPreAuthorizeIsNotEnforced() {
        assertThatThrownBy(() -> MethodSecurityCheck.requireEnforced(controller))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@EnableMethodSecurity");
    }

    @Test
    void passesWhenMethodSecurityGuardsTheEndpoints() {
        var proxy = new ProxyFactory(controller);
        proxy.setProxyTargetClass(true);
        proxy.addAdvisor(AuthorizationManagerBeforeMethodInterceptor.preAuthorize());

        assertThatCode(() -> MethodSecurityCheck.requireEnforced((DeadLetterController) proxy.getProxy()))
                .doesNotThrowAnyException();
    }
}
