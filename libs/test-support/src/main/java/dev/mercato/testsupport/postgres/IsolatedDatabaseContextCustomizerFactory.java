package dev.mercato.testsupport.postgres;

import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Activates {@link IsolatedDatabase}: points the context's data source at a fresh database. */
public class IsolatedDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean wanted = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(IsolatedDatabase.class);
        return wanted ? new Customizer() : null;
    }

    /** All instances are equal, so contexts that differ only by this customizer are still cached and shared. */
    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase database =
                    TestDatabase.create(context.getEnvironment().getProperty("spring.application.name", "test"));
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "isolatedDatabase",
                            Map.of(
                                    "spring.datasource.url", database.jdbcUrl(),
                                    "spring.datasource.username",
                                            database.server().user(),
                                    "spring.datasource.password",
                                            database.server().password())));
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> database.drop());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
