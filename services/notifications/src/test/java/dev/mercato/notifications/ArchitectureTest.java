package dev.mercato.notifications;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** Mails know nothing of events or deliveries; recipients nothing of mails. */
@AnalyzeClasses(packages = "dev.mercato.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.notifications");

    @ArchTest
    static final ArchRule mailIsOnlyRenderingAndSmtp = noClasses()
            .that()
            .resideInAPackage("dev.mercato.notifications.mail..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.mercato.notifications.events..", "dev.mercato.notifications.delivery..");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = ServiceArchitecture.onlyRepositoriesTouchTheDatabase();

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.notifications");
}
