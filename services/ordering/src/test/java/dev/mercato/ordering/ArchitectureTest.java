package dev.mercato.ordering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** The domain is plain Java; adapters depend on it, never the other way. */
@AnalyzeClasses(packages = "dev.mercato.ordering", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = ServiceArchitecture.domainIsPlainJava("dev.mercato.ordering.domain");

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
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.ordering");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = ServiceArchitecture.onlyRepositoriesTouchTheDatabase();

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.ordering");
}
