package dev.mercato.pspsim;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** The simulator keeps its payment model plain and its parts acyclic, like the services it stands in for. */
@AnalyzeClasses(packages = "dev.mercato.pspsim", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava =
            ServiceArchitecture.domainIsPlainJava("dev.mercato.pspsim.payment.domain");

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.pspsim");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = ServiceArchitecture.onlyRepositoriesTouchTheDatabase();

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.pspsim");
}
