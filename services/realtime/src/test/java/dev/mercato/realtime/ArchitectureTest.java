package dev.mercato.realtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** The dependency directions that keep realtime's parts separable. */
@AnalyzeClasses(packages = "dev.mercato.realtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.realtime");

    /** The history knows nothing of connections: it hands entries to whoever listens. */
    @ArchTest
    static final ArchRule historyStandsAlone = noClasses()
            .that()
            .resideInAPackage("dev.mercato.realtime.history..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mercato.realtime.stream..", "dev.mercato.realtime.ingest..", "dev.mercato.realtime.ticket..");

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.realtime");
}
