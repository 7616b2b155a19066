package dev.mercato.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency directions that keep the catalog's features separable. */
@AnalyzeClasses(packages = "dev.mercato.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOther = slices().matching("dev.mercato.catalog.(product|category)..")
            .should()
            .notDependOnEachOther();

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("dev.mercato.catalog.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Repository")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    @ArchTest
    static final ArchRule noOtherServicesCode = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.mercato.gateway..", "dev.mercato.discovery..");
}
