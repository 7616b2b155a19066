package dev.mercato.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/**
 * The library's packages build on each other in one direction: {@code envelope} and {@code publish} at the bottom,
 * then {@code consumer}, {@code topology} (which declares consumers), {@code outbox} and {@code deadletter}, and
 * {@code config}, the Spring wiring, on top of all of them.
 */
@AnalyzeClasses(packages = "dev.mercato.messaging", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.messaging");

    @ArchTest
    static final ArchRule onlyTheWiringKnowsTheWiring = noClasses()
            .that()
            .resideOutsideOfPackage("dev.mercato.messaging.config..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.mercato.messaging.config..")
            .because("config assembles the other packages; a package that reached back into it would tie its code"
                    + " to Spring's wiring of the whole library");
}
