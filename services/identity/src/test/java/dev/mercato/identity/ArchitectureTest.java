package dev.mercato.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.mercato.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("dev.mercato.identity.(*)..").should().beFreeOfCycles();

    /** Accounts know nothing of tokens; token code reacts to account events instead. */
    @ArchTest
    static final ArchRule accountsDoNotDependOnTokens = noClasses()
            .that()
            .resideInAPackage("dev.mercato.identity.user..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.mercato.identity.token..");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Repository")
            .and()
            .doNotHaveSimpleName("SecurityEvents")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
}
