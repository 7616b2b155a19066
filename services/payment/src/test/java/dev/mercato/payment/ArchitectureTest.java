package dev.mercato.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** The domain is plain Java; adapters depend on it, never the other way. */
@AnalyzeClasses(packages = "dev.mercato.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = ServiceArchitecture.domainIsPlainJava("dev.mercato.payment.domain");

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
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.payment");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = ServiceArchitecture.onlyRepositoriesTouchTheDatabase();

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.payment");
}
