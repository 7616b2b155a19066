package dev.mercato.realtime;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Deletes the exchanges a test context declared under an {@code it.} name when it closes. */
@TestConfiguration(proxyBeanMethods = false)
public class TestExchanges {

    @Bean
    DisposableBean deleteTestExchangesOnClose(AmqpAdmin admin, ObjectProvider<Declarables> declarables) {
        return () -> declarables
                .orderedStream()
                .flatMap(d -> d.getDeclarablesByType(Exchange.class).stream())
                .map(Exchange::getName)
                .filter(name -> name.startsWith("it."))
                .forEach(admin::deleteExchange);
    }
}
