package dev.mercato.catalog;

import dev.mercato.testsupport.postgres.IsolatedDatabase;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole catalog on a random port, against a fresh database migrated and seeded by Flyway; no registry. Product
 * events are published (to the shared RabbitMQ); the history consumer is off unless a test turns it on. Scheduled
 * publishing runs on queues of the context's own, deleted when it closes. The Redis cache is off (CacheTest turns it
 * on, with keys of the context's own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            // the history consumer's queue would be shared by every test context on the shared broker
            "catalog.history.enabled=false",
            // this context's own publishing queue and delay ladder (bound once, so one name per context)
            "catalog.publishing.queue=it.catalog.product-publishing.${random.uuid}",
            // tests that change rows behind the API's back would read stale pages; the cache's own tests turn it on
            "catalog.cache.enabled=false",
            "catalog.cache.key-prefix=it:catalog:${random.uuid}:"
        })
@IsolatedDatabase
@Import(TestQueues.class)
public @interface CatalogIntegrationTest {}
