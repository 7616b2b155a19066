package dev.mercato.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/**
 * {@code job} (what a service declares) at the bottom, {@code history} (where runs go) beside it, then {@code
 * scheduling} and {@code web}, and {@code config}, the Spring wiring, on top.
 */
@AnalyzeClasses(packages = "dev.mercato.jobs", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.jobs");

    @ArchTest
    static final ArchRule onlyTheWiringKnowsTheWiring = noClasses()
            .that()
            .resideOutsideOfPackage("dev.mercato.jobs.config..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.mercato.jobs.config..");

    @ArchTest
    static final ArchRule declarationsKnowNothingElse = noClasses()
            .that()
            .resideInAPackage("dev.mercato.jobs.job..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mercato.jobs.history..", "dev.mercato.jobs.scheduling..", "dev.mercato.jobs.web..");
}
