package dev.mercato.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

@AnalyzeClasses(packages = "dev.mercato.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.identity");

    /** Accounts know nothing of tokens; token code reacts to account events instead. */
    @ArchTest
    static final ArchRule accountsDoNotDependOnTokens = noClasses()
            .that()
            .resideInAPackage("dev.mercato.identity.user..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.mercato.identity.token..");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase =
            ServiceArchitecture.onlyRepositoriesTouchTheDatabase("SecurityEvents");

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.identity");
}
