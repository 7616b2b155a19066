package dev.mercato.identity;

import dev.mercato.testsupport.postgres.IsolatedDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** Identity on a random port against a fresh database, with an administrator configured; no registry. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "MERCATO_ADMIN_PASSWORD=operator-secret-for-tests",
            "MERCATO_SUPPORT_PASSWORD=agent-secret-for-tests",
            "identity.login-throttle.key-prefix=test:${random.uuid}:"
        })
@IsolatedDatabase
public @interface IdentityIntegrationTest {}
