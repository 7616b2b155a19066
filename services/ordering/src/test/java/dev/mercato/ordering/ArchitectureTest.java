package dev.mercato.ordering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain is plain Java; adapters depend on it, never the other way. */
@AnalyzeClasses(packages = "dev.mercato.ordering", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkOrIo = noClasses()
            .that()
            .resideInAPackage("dev.mercato.ordering.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "tools.jackson..",
                    "io.github.resilience4j..",
                    "java.sql..",
                    "java.net.http..",
                    "io.grpc..",
                    "dev.mercato.contracts..",
                    "jakarta..",
                    "dev.mercato.messaging..",
                    "dev.mercato.web..");

    @ArchTest
    static final ArchRule domainDependsOnNoAdapter = noClasses()
            .that()
            .resideInAPackage("dev.mercato.ordering.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mercato.ordering.checkout..",
                    "dev.mercato.ordering.order..",
                    "dev.mercato.ordering.saga..",
                    "dev.mercato.ordering.downstream..");

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("dev.mercato.ordering.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Repository")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
}
