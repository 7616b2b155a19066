package dev.mercato.catalog;

import dev.mercato.testsupport.postgres.IsolatedDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole catalog on a random port, against a fresh database migrated and seeded by Flyway; no registry. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "MERCATO_LOG_FORMAT=text"})
@IsolatedDatabase
public @interface CatalogIntegrationTest {}
