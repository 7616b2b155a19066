package dev.mercato.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** The domain is plain Java; adapters depend on it, never the other way. */
@AnalyzeClasses(packages = "dev.mercato.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = ServiceArchitecture.domainIsPlainJava("dev.mercato.inventory.domain");

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
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.inventory");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase =
            ServiceArchitecture.onlyRepositoriesTouchTheDatabase("DatabaseConfig");

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.inventory");
}
