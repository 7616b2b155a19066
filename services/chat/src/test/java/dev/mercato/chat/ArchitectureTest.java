package dev.mercato.chat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** Conversations know nothing of messages; events nothing of either (they carry plain values). */
@AnalyzeClasses(packages = "dev.mercato.chat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.chat");

    @ArchTest
    static final ArchRule conversationsDoNotKnowMessages = noClasses()
            .that()
            .resideInAPackage("dev.mercato.chat.conversation..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.mercato.chat.message..");

    @ArchTest
    static final ArchRule eventsAreBuiltFromPlainValues = noClasses()
            .that()
            .resideInAPackage("dev.mercato.chat.events..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.mercato.chat.conversation..", "dev.mercato.chat.message..");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = ServiceArchitecture.onlyRepositoriesTouchTheDatabase();

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.chat");
}
