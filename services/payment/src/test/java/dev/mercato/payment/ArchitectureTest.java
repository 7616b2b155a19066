package dev.mercato.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain is plain Java; adapters depend on it, never the other way. */
@AnalyzeClasses(packages = "dev.mercato.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkOrIo = noClasses()
            .that()
            .resideInAPackage("dev.mercato.payment.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "tools.jackson..",
                    "io.github.resilience4j..",
                    "java.sql..",
                    "java.net.http..",
                    "jakarta..",
                    "dev.mercato.messaging..",
                    "dev.mercato.web..");

    @ArchTest
    static final ArchRule domainDependsOnNoAdapter = noClasses()
            .that()
            .resideInAPackage("dev.mercato.payment.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mercato.payment.payment..",
                    "dev.mercato.payment.provider..",
                    "dev.mercato.payment.webhook..",
                    "dev.mercato.payment.order..",
                    "dev.mercato.payment.reconciliation..");

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("dev.mercato.payment.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Repository")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
}
