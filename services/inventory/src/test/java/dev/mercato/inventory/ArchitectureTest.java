package dev.mercato.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain is plain Java; adapters depend on it, never the other way. */
@AnalyzeClasses(packages = "dev.mercato.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkOrIo = noClasses()
            .that()
            .resideInAPackage("dev.mercato.inventory.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "io.grpc..",
                    "com.google.protobuf..",
                    "dev.mercato.contracts..",
                    "java.sql..",
                    "jakarta..",
                    "dev.mercato.web..");

    @ArchTest
    static final ArchRule domainDependsOnNoAdapter = noClasses()
            .that()
            .resideInAPackage("dev.mercato.inventory.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mercato.inventory.reservation..",
                    "dev.mercato.inventory.stock..",
                    "dev.mercato.inventory.expiry..",
                    "dev.mercato.inventory.grpc..");

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("dev.mercato.inventory.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Repository")
            .and()
            .doNotHaveSimpleName("DatabaseConfig")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
}
